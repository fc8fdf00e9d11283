import { StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Popconfirm, Progress, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { reportError } from '../../../api/errors';
import { type Model, type ModelRun, type RunProgress, useCancelRun } from '../../../api/models';
import { useCurrentSession } from '../../../api/session';
import { localized } from '../../../evidence';
import { useFormat } from '../../../format';
import { useLocale } from '../../../i18n';

/** Milliseconds since `since`, ticking every second while `running`. */
function useElapsed(since: string, running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return Math.max(0, now - new Date(since).getTime());
}

/** How far the run is, 0–100: steps done, and within writing the share of hits written. */
export function progressPercent(progress: RunProgress | null, status: ModelRun['status']): number {
  if (status === 'succeeded') return 100;
  if (!progress) return 0;
  const withinWrite = progress.stage === 'write' && progress.hits ? (progress.written ?? 0) / progress.hits : 0;
  return Math.min(99, Math.floor(((progress.step + withinWrite) / progress.steps) * 100));
}

/** The stage a run is at, in words: "规则 2/6：名下有机动车". */
function useStageText(run: ModelRun, model: Model | undefined): string {
  const { t } = useTranslation();
  const locale = useLocale();
  const format = useFormat();
  const progress = run.progress;
  if (!progress) return t('runs.progress.stages.compile');
  switch (progress.stage) {
    case 'rule': {
      const rule = progress.rule!;
      const definition = model?.document.rules.find((r) => r.id === rule.id);
      return t('runs.progress.stages.rule', { index: rule.index, total: rule.total, title: definition ? localized(definition.title, locale) : rule.id });
    }
    case 'write':
      return t('runs.progress.stages.write', { written: format.number(progress.written ?? 0), hits: format.number(progress.hits ?? 0) });
    default:
      return t(`runs.progress.stages.${progress.stage}`);
  }
}

/**
 * A run while it runs: a bar with the stage, the counts so far, the time it has taken, and a
 * cancel button for its starter (or an administrator). When it ends: how it ended, and for a
 * finished run the way to its hits. The page may be left or reloaded: the run goes on on the server.
 */
export function RunProgressPanel({ run, model, showHitsLink }: { run: ModelRun; model: Model | undefined; showHitsLink: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { message } = App.useApp();
  const { user, permissions } = useCurrentSession();
  const cancel = useCancelRun();
  const running = run.status === 'running';
  const elapsed = useElapsed(run.startedAt, running);
  const stage = useStageText(run, model);
  const progress = run.progress;
  const mayCancel = permissions.includes('model:cancel') && (run.startedById === user.id || user.roles.includes('admin'));
  const percent = progressPercent(progress, run.status);

  const counts = [
    progress?.subjects !== undefined && t('runs.progress.subjects', { number: format.number(progress.subjects) }),
    progress?.hits !== undefined && t('runs.progress.hits', { number: format.number(progress.hits) }),
  ].filter(Boolean);

  return (
    <Flex vertical gap={8} data-testid="run-progress" data-status={run.status}>
      <Progress
        percent={percent}
        status={run.status === 'failed' ? 'exception' : run.status === 'succeeded' ? 'success' : run.status === 'cancelled' ? 'normal' : 'active'}
        aria-label={t('runs.progress.title')}
      />
      {running && (
        <Flex gap={12} align="center" wrap justify="space-between">
          <Flex vertical gap={2}>
            <Typography.Text data-testid="run-stage">
              {run.cancelRequestedAt ? t('runs.progress.cancelling') : stage}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[...counts, t('runs.progress.elapsed', { time: format.duration(elapsed) }), t('runs.progress.startedBy', { name: run.startedBy ?? '—' })].join(' · ')}
            </Typography.Text>
          </Flex>
          {mayCancel && (
            <Popconfirm
              title={t('runs.progress.cancelConfirm')}
              okText={t('runs.progress.cancel')}
              okButtonProps={{ danger: true, ...({ 'data-testid': 'cancel-run-confirm' } as object) }}
              onConfirm={() => cancel.mutate(run.id, { onError: (error) => reportError(error, message) })}
            >
              <Button danger icon={<StopOutlined />} loading={cancel.isPending || !!run.cancelRequestedAt} data-testid="cancel-run">
                {t('runs.progress.cancel')}
              </Button>
            </Popconfirm>
          )}
        </Flex>
      )}
      {running && <Typography.Text type="secondary">{t('models.run.runningHint')}</Typography.Text>}
      {run.status === 'succeeded' && (
        <Alert
          type="success"
          showIcon
          title={t('runs.progress.succeeded', {
            hits: format.number(run.hits ?? 0),
            newHits: format.number(run.newHits ?? 0),
            resolved: format.number(run.resolved ?? 0),
            time: format.duration(run.elapsedMs ?? 0),
          })}
          action={
            showHitsLink && (
              <Link to={`/runs/${run.id}`} data-testid="run-hits-link">
                {t('runs.progress.viewHits')}
              </Link>
            )
          }
        />
      )}
      {run.status === 'cancelled' && (
        <Alert type="info" showIcon title={t('runs.progress.cancelled', { name: run.cancelRequestedBy ?? '—' })} data-testid="run-cancelled" />
      )}
      {run.status === 'failed' && <Alert type="error" showIcon title={t('runs.failure')} description={run.failure} />}
    </Flex>
  );
}
