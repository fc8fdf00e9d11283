import { SafetyCertificateOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Localized } from '../../../../domain/reverseConnection/checks';
import { type ReviewChecks, useReviewChecks } from '../../../api/cases';
import { QueryError } from '../../../components/QueryError';
import { useLocale } from '../../../i18n';
import { ApiError } from '../../../api/client';
import { reportCaseError } from '../shared';

function Said({ texts, review }: { texts: (Localized | undefined)[]; review?: boolean }) {
  const { t } = useTranslation(['translation', 'cases']);
  const locale = useLocale();
  return (
    <>
      {review && (
        <Tag color="orange" style={{ marginBottom: 4 }}>
          {t('cases:checks.legalReview')}
        </Tag>
      )}
      {texts
        .filter((text): text is Localized => !!text)
        .map((text, i) => (
          <Typography.Paragraph key={i} style={{ marginBottom: 4 }}>
            {text[locale]}
          </Typography.Paragraph>
        ))}
    </>
  );
}

function priorPenalties(t: ReturnType<typeof useTranslation<['translation', 'cases']>>['t'], checks: ReviewChecks, locale: 'zh-CN' | 'en-US') {
  const lookup = checks.priorPenalties;
  if (lookup.status !== 'searched') return <Typography.Text type="secondary">{t(`cases:checks.penalties.${lookup.status}`)}</Typography.Text>;
  const { penalties, probablySameAct, notes } = lookup.result;
  return (
    <>
      <Typography.Paragraph style={{ marginBottom: 4 }}>{t('cases:checks.penalties.found', { count: penalties.length, same: probablySameAct })}</Typography.Paragraph>
      {penalties.map((p) => (
        <Typography.Paragraph key={`${p.dataset.id}-${p.decisionNo}`} style={{ marginBottom: 4 }}>
          {p.probablySameAct && <Tag color="red">{t('cases:checks.penalties.sameAct')}</Tag>}
          {[p.decisionNo, p.agency, p.decidedOn, p.fine].filter(Boolean).join(' · ')}
        </Typography.Paragraph>
      ))}
      {notes.map((n, i) => (
        <Typography.Paragraph key={i} type="secondary" style={{ marginBottom: 4 }}>
          {n[locale]}
        </Typography.Paragraph>
      ))}
    </>
  );
}

/**
 * 自动核查: what the system can compute for the checklist — limitation, age at the act, the kind
 * of non-prosecution, the transfer, earlier penalties in shared data. Flags for the reviewer,
 * never decisions; the answers stay the reviewer's.
 */
export function ReviewChecksCard({ caseId }: { caseId: string }) {
  const { t } = useTranslation(['translation', 'cases']);
  const { message } = App.useApp();
  const locale = useLocale();
  const [asked, setAsked] = useState(false);
  const checks = useReviewChecks(caseId, asked);
  // A missing act date is an instruction ("enter the act date first"), not a failure to show in the card.
  const refused = checks.error instanceof ApiError && checks.error.status === 422;
  useEffect(() => {
    if (refused) {
      reportCaseError(checks.error, message);
      setAsked(false);
    }
  }, [refused, checks.error, message]);
  const data = checks.data;
  return (
    <Card
      size="small"
      title={t('cases:checks.title')}
      extra={
        <Button icon={<SafetyCertificateOutlined />} loading={checks.isFetching} onClick={() => (asked ? void checks.refetch() : setAsked(true))} data-testid="run-review-checks">
          {t('cases:checks.run')}
        </Button>
      }
    >
      {!data && <Typography.Text type="secondary">{t('cases:checks.intro')}</Typography.Text>}
      {checks.error && !refused && <QueryError error={checks.error} onRetry={() => void checks.refetch()} />}
      {data && (
        <Descriptions
          size="small"
          column={1}
          bordered
          data-testid="review-checks"
          items={[
            { key: 'limitation', label: t('cases:checklist.limitation'), children: <Said review texts={[data.limitation.explanation, ...data.limitation.notes]} /> },
            { key: 'age', label: t('cases:checklist.age'), children: <Said review={data.age.needsLegalReview} texts={[data.age.explanation]} /> },
            ...(data.nonProsecutionKind
              ? [{ key: 'kind', label: t('cases:checklist.non_prosecution_kind'), children: <Said review={data.nonProsecutionKind.flagged} texts={[data.nonProsecutionKind.label, ...data.nonProsecutionKind.notes]} /> }]
              : []),
            ...(data.transfer ? [{ key: 'transfer', label: t('cases:fields.transfer'), children: <Said texts={[data.transfer.explanation]} /> }] : []),
            { key: 'prior', label: t('cases:checklist.prior_penalty'), children: priorPenalties(t, data, locale) },
          ]}
        />
      )}
    </Card>
  );
}
