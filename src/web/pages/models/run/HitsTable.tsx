import { CheckOutlined, CloseOutlined, DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Input, Select, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage, reportError } from '../../../api/errors';
import { ApiError } from '../../../api/client';
import {
  HIT_COMPARISONS,
  type Hit,
  type HitChange,
  type HitFilter,
  type HitReview,
  type Model,
  type ModelRun,
  REVIEW_STATUSES,
  type ReviewStatus,
  hitsExportUrl,
  useHits,
  useReviewHits,
} from '../../../api/models';
import { useCurrentSession } from '../../../api/session';
import { QueryError } from '../../../components/QueryError';
import { localized } from '../../../evidence';
import { useFormat } from '../../../format';
import { useLocale } from '../../../i18n';
import { ChangeTag, ReviewStatusTag } from '../shared';
import { UnmaskReasonSwitch } from './UnmaskReason';

/** The message for one hit a bulk review could not change (e.g. someone reviewed it meanwhile). */
function bulkErrorMessage(code: string | undefined): string {
  return errorMessage(new ApiError(code === 'conflict' ? 409 : code === 'not_found' ? 404 : 500, { error: code }));
}

/** The unmask switch: only for those allowed to see full ID numbers; each view is logged. */
export function UnmaskSwitch({ checked, onChange }: { checked: boolean; onChange: (checked: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('hits.unmaskLogged')}>
      <Flex gap={8} align="center">
        <Switch size="small" checked={checked} onChange={onChange} data-testid="unmask-switch" aria-label={t('hits.unmask')} />
        <Typography.Text>{t('hits.unmask')}</Typography.Text>
      </Flex>
    </Tooltip>
  );
}

export function UnmaskedNotice() {
  const { t } = useTranslation();
  return <Alert type="warning" showIcon title={t('hits.unmaskedNotice')} />;
}

/** The hits (线索) of one run: filters, review in bulk, export; each hit opens its evidence. */
export function HitsTable({ run, model }: { run: ModelRun; model: Model | undefined }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormat();
  const locale = useLocale();
  const { permissions } = useCurrentSession();
  const canReview = permissions.includes('hit:review');
  const [filter, setFilter] = useState<HitFilter>({ page: 1, pageSize: 20 });
  const [unmaskReason, setUnmaskReason] = useState<string | null>(null);
  const [selected, setSelected] = useState<Hit[]>([]);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const [failures, setFailures] = useState<{ hit: Hit; error?: string }[]>([]);
  const hits = useHits(run.id, filter, unmaskReason);
  // Resolved hits belong to the previous run (shown with their evidence and review there): not reviewed from here.
  const resolvedList = filter.comparison === 'resolved';
  const selectable = canReview && !resolvedList;
  const review = useReviewHits();

  const ruleTitle = (id: string) => {
    const rule = model?.document.rules.find((r) => r.id === id);
    return rule ? localized(rule.title, locale) : id;
  };

  /** A new filter starts again at the first page, with nothing selected. */
  function refine(change: Partial<HitFilter>) {
    setFilter((previous) => ({ ...previous, ...change, page: 1 }));
    setSelected([]);
  }

  function bulk(decision: 'confirmed' | 'dismissed') {
    const why = reason.trim();
    if (decision === 'dismissed' && !why) {
      setReasonMissing(true);
      return;
    }
    const chosen = selected;
    review.mutate(
      { runId: run.id, hits: chosen.map((hit) => ({ id: hit.id, version: hit.version })), decision, reason: why || null },
      {
        onSuccess: ({ results }) => {
          const failed = results.filter((result) => !result.ok).map((result) => ({ hit: chosen.find((hit) => hit.id === result.id)!, error: result.error }));
          const done = results.length - failed.length;
          if (done > 0) void message.success(t('hits.bulk.done', { count: done }));
          setFailures(failed.filter((f) => f.hit));
          setSelected([]);
          setReason('');
          setReasonMissing(false);
        },
        onError: (error) => reportError(error, message),
      },
    );
  }

  return (
    <Card
      title={t('hits.title')}
      extra={
        <Flex gap={16} align="center" wrap>
          {permissions.includes('hit:unmask') && <UnmaskReasonSwitch reason={unmaskReason} onChange={setUnmaskReason} />}
          {permissions.includes('hit:export') && (
            <Tooltip title={t('hits.exportHint')}>
              <Button icon={<DownloadOutlined />} href={hitsExportUrl(run.id, filter)} data-testid="export-hits">
                {t('hits.export')}
              </Button>
            </Tooltip>
          )}
        </Flex>
      }
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('hits.clueNotice')}</Typography.Text>
        {unmaskReason !== null && <UnmaskedNotice />}
        <Flex gap={8} wrap>
          <Input.Search
            allowClear
            placeholder={t('hits.search')}
            style={{ width: 240 }}
            onSearch={(q) => refine({ q: q.trim() || undefined })}
            data-testid="hits-search"
          />
          <Select
            allowClear
            placeholder={t('hits.rules')}
            style={{ width: 240 }}
            options={(model?.document.rules ?? []).map((rule) => ({ value: rule.id, label: localized(rule.title, locale) }))}
            onChange={(rule?: string) => refine({ rule })}
          />
          <Select
            allowClear
            placeholder={t('hits.review')}
            style={{ width: 140 }}
            options={REVIEW_STATUSES.map((status) => ({ value: status, label: t(`hits.reviewStatus.${status}`) }))}
            onChange={(status?: ReviewStatus) => refine({ review: status })}
          />
          <Select
            allowClear
            placeholder={t('hits.change')}
            style={{ width: 140 }}
            options={HIT_COMPARISONS.map((change) => ({ value: change, label: t(`hits.changes.${change}`) }))}
            onChange={(comparison?: HitChange) => refine({ comparison })}
            data-testid="hits-comparison"
          />
        </Flex>
        {resolvedList && <Alert type="info" showIcon title={t('hits.resolvedNotice')} />}
        {selectable && (
          <Flex gap={8} align="start" wrap>
            <Typography.Text style={{ lineHeight: '32px' }}>{t('hits.bulk.selected', { count: selected.length })}</Typography.Text>
            <Flex vertical style={{ width: 320 }}>
              <Input
                data-testid="review-reason"
                value={reason}
                maxLength={1000}
                status={reasonMissing ? 'error' : undefined}
                placeholder={t('hits.reasonPlaceholder')}
                onChange={(event) => {
                  setReason(event.target.value);
                  if (event.target.value.trim()) setReasonMissing(false);
                }}
              />
              {reasonMissing && <Typography.Text type="danger">{t('hits.reasonRequired')}</Typography.Text>}
            </Flex>
            <Button
              data-testid="bulk-confirm"
              icon={<CheckOutlined />}
              disabled={selected.length === 0}
              loading={review.isPending && review.variables?.decision === 'confirmed'}
              onClick={() => bulk('confirmed')}
            >
              {t('hits.bulk.confirm')}
            </Button>
            <Button
              data-testid="bulk-dismiss"
              danger
              icon={<CloseOutlined />}
              disabled={selected.length === 0}
              loading={review.isPending && review.variables?.decision === 'dismissed'}
              onClick={() => bulk('dismissed')}
            >
              {t('hits.bulk.dismiss')}
            </Button>
          </Flex>
        )}
        {failures.length > 0 && (
          <Alert
            type="warning"
            showIcon
            closable={{ onClose: () => setFailures([]) }}
            title={t('hits.bulk.failed', { count: failures.length })}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {failures.map(({ hit, error }) => (
                  <li key={hit.id}>
                    {hit.subjectKey}
                    {hit.name ? `（${hit.name}）` : ''}: {bulkErrorMessage(error)}
                  </li>
                ))}
              </ul>
            }
          />
        )}
        {hits.error && <QueryError error={hits.error} onRetry={() => void hits.refetch()} />}
        <div data-testid="hits-table">
          <Table<Hit>
            rowKey="id"
            size="small"
            loading={hits.isFetching}
            dataSource={hits.data?.items}
            scroll={{ x: 'max-content' }}
            rowSelection={
              selectable
                ? {
                    selectedRowKeys: selected.map((hit) => hit.id),
                    onChange: (_, rows) => setSelected(rows.filter(Boolean)),
                  }
                : undefined
            }
            pagination={{
              current: filter.page,
              pageSize: filter.pageSize,
              total: hits.data?.total,
              showSizeChanger: true,
              showTotal: (total) => t('common.total', { number: format.number(total) }),
              onChange: (page, pageSize) => {
                setFilter((previous) => ({ ...previous, page, pageSize }));
                setSelected([]);
              },
            }}
            columns={[
              {
                title: t('hits.subjectKey'),
                dataIndex: 'subjectKey',
                render: (key: string, hit) => <Link to={`/hits/${hit.id}`}>{key}</Link>,
              },
              { title: t('hits.name'), dataIndex: 'name', render: (name: string | null) => name ?? '—' },
              {
                title: t('hits.idNumber'),
                dataIndex: 'idNumber',
                render: (idNumber: string | null) => (idNumber ? <Typography.Text style={{ fontFamily: 'monospace' }}>{idNumber}</Typography.Text> : '—'),
              },
              {
                title: t('hits.rules'),
                dataIndex: 'rules',
                render: (rules: string[]) => (
                  <Flex gap={4} wrap>
                    {rules.map((rule) => (
                      <Tag key={rule} color="orange" variant="outlined">
                        {ruleTitle(rule)}
                      </Tag>
                    ))}
                  </Flex>
                ),
              },
              { title: t('hits.change'), dataIndex: 'change', render: (change: HitChange) => <ChangeTag change={change} /> },
              {
                title: t('hits.review'),
                dataIndex: 'review',
                render: (review: HitReview) => (
                  <Flex vertical gap={2}>
                    <span>
                      <ReviewStatusTag status={review.status} />
                    </span>
                    {review.reason && (
                      <Typography.Text type="secondary" ellipsis={{ tooltip: review.reason }} style={{ maxWidth: 220, fontSize: 12 }}>
                        {review.reason}
                      </Typography.Text>
                    )}
                  </Flex>
                ),
              },
              {
                title: t('hits.reviewedBy'),
                key: 'reviewedBy',
                render: (_, hit) =>
                  hit.review.by ? (
                    <Flex vertical gap={2}>
                      <span>{hit.review.by}</span>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {format.dateTime(hit.review.at)}
                      </Typography.Text>
                    </Flex>
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
        </div>
      </Flex>
    </Card>
  );
}
