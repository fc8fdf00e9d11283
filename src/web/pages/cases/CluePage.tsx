import { Card, Col, Descriptions, Flex, Row, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type ClueDetail, useClue } from '../../api/cases';
import { useCurrentSession } from '../../api/session';
import { PageContainer } from '../../components/PageContainer';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { useFormat } from '../../format';
import { UnmaskedNotice, UnmaskSwitch } from '../models/run/HitsTable';
import { ClueDecisions } from './clue/ClueDecisions';
import { ClueEvidence, hasEvidence } from './clue/ClueEvidence';
import { DuplicatesCard } from './clue/DuplicatesCard';
import { NonProsecutionCard } from './clue/NonProsecutionCard';
import { LitigationCard } from './litigation/LitigationCard';
import { ClueStatusTag, Prose, RefLink, SourceTag } from './shared';

function ClueCard({ clue }: { clue: ClueDetail }) {
  const { t } = useTranslation(['translation', 'cases']);
  const format = useFormat();
  return (
    <Card title={t('cases:clue.details')} extra={<Flex gap={4}><SourceTag source={clue.source} /><ClueStatusTag status={clue.status} /></Flex>}>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'number', label: t('cases:fields.clueNumber'), children: clue.number },
          { key: 'receivedOn', label: t('cases:fields.receivedOn'), children: format.date(clue.receivedOn) },
          { key: 'subjectName', label: t('cases:fields.subjectName'), children: clue.subjectName ?? '—' },
          { key: 'subjectIdNumber', label: t('cases:fields.subjectIdNumber'), children: <span style={{ fontFamily: 'monospace' }}>{clue.subjectIdNumber ?? '—'}</span> },
          { key: 'matter', label: t('cases:fields.matter'), children: clue.matter || '—' },
          { key: 'agency', label: t('cases:fields.agency'), children: clue.agency?.name ?? '—' },
          { key: 'submittedBy', label: t('cases:fields.submittedBy'), children: clue.submittedBy?.name ?? '—' },
          { key: 'createdBy', label: t('cases:fields.createdBy'), children: `${clue.createdBy} · ${format.dateTime(clue.createdAt)}` },
          { key: 'assignee', label: t('cases:fields.assignee'), children: clue.assignee?.name ?? '—' },
          ...(clue.caseId ? [{ key: 'case', label: t('cases:fields.case'), children: <Link to={`/cases/${clue.caseId}`}>{t('cases:clue.openCase')}</Link> }] : []),
          ...(clue.mergedIntoId ? [{ key: 'merged', label: t('cases:fields.mergedInto'), children: <RefLink to={`/clues/${clue.mergedIntoId}`} text={clue.decisionReason} /> }] : []),
          { key: 'summary', label: t('cases:fields.summary'), span: 'filled' as const, children: <Prose text={clue.summary} /> },
          ...(clue.evaluation ? [{ key: 'evaluation', label: t('cases:fields.evaluation'), span: 'filled' as const, children: <Prose text={clue.evaluation} testId="clue-evaluation" /> }] : []),
          ...(clue.status === 'declined' ? [{ key: 'declined', label: t('cases:fields.declineReason'), span: 'filled' as const, children: <Prose text={clue.decisionReason} /> }] : []),
        ]}
      />
    </Card>
  );
}

/** One clue: what it says, where it came from, its evidence and duplicates, and what to decide. */
export default function CluePage() {
  const { t } = useTranslation(['translation', 'cases']);
  const { id = '' } = useParams();
  const { permissions } = useCurrentSession();
  const [unmask, setUnmask] = useState(false);
  const clue = useClue(id, unmask);
  const breadcrumb = [{ key: 'clues', title: <Link to="/clues">{t('menu.clues')}</Link> }, { key: 'clue', title: clue.data?.number ?? t('menu.clue') }];

  if (clue.error) {
    return (
      <PageContainer title={t('menu.clue')} breadcrumb={breadcrumb}>
        <QueryError error={clue.error} onRetry={() => void clue.refetch()} />
      </PageContainer>
    );
  }
  if (!clue.data) return <PageLoading />;
  const data = clue.data;
  return (
    <PageContainer
      breadcrumb={breadcrumb}
      title={
        <Flex vertical>
          <span data-testid="clue-title">{data.title}</span>
          <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: 'normal' }}>
            {data.number}
          </Typography.Text>
        </Flex>
      }
      extra={permissions.includes('clue:unmask') && data.subjectIdNumber && <UnmaskSwitch checked={unmask} onChange={setUnmask} />}
    >
      {unmask && !data.masked && <UnmaskedNotice />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Flex vertical gap={16}>
            <ClueCard clue={data} />
            {data.nonProsecution && <NonProsecutionCard clue={data} />}
            {data.litigation && <LitigationCard litigation={data.litigation} />}
            {hasEvidence(data) && <ClueEvidence clue={data} />}
          </Flex>
        </Col>
        <Col xs={24} xl={10}>
          <Flex vertical gap={16}>
            {data.duplicates.length > 0 && <DuplicatesCard clue={data} />}
            <ClueDecisions clue={data} onReload={() => void clue.refetch()} />
          </Flex>
        </Col>
      </Row>
    </PageContainer>
  );
}
