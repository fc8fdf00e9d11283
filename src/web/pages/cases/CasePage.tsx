import { Card, Descriptions, Flex, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type CaseDetail, type InternalCase, useCase } from '../../api/cases';
import { useCurrentSession } from '../../api/session';
import { PageContainer } from '../../components/PageContainer';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { useFormat } from '../../format';
import { UnmaskedNotice, UnmaskSwitch } from '../models/run/HitsTable';
import { caseAbilities } from './case/abilities';
import { CaseActions } from './case/CaseActions';
import { DocumentsTab } from './case/DocumentsTab';
import { EscalationsTab } from './case/EscalationsTab';
import { RepliesTab } from './case/RepliesTab';
import { ReviewTab } from './case/ReviewTab';
import { TimelineTab } from './case/TimelineTab';
import { TransferCheckLine } from './clue/NonProsecutionCard';
import { CommitteeTab } from './litigation/CommitteeTab';
import { HearingsTab } from './litigation/HearingsTab';
import { LitigationCard } from './litigation/LitigationCard';
import { ClocksTable } from './clocks';
import { CaseStateTag, Prose, useCaseLabel } from './shared';

function CaseHeader({ c }: { c: CaseDetail }) {
  const { t } = useTranslation(['translation', 'cases']);
  const format = useFormat();
  const label = useCaseLabel();
  const internal = c.outward ? null : c;
  return (
    <Card>
      <Flex vertical gap={16}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'number', label: t('cases:fields.caseNumber'), children: <span data-testid="case-number">{c.number}</span> },
            { key: 'kind', label: t('cases:fields.kind'), children: label('kinds', c.kind) },
            { key: 'state', label: t('cases:fields.state'), children: <CaseStateTag state={c.state} /> },
            { key: 'agency', label: t('cases:fields.competentAgency'), children: c.agency?.name ?? '—' },
            ...(internal ? [{ key: 'procurator', label: t('cases:fields.procurator'), children: internal.procurator?.name ?? t('cases:list.unassigned') }] : []),
            { key: 'registeredOn', label: t('cases:fields.registeredOn'), children: format.date(c.registeredOn) },
            { key: 'subject', label: t('cases:fields.subjectName'), children: c.subjectName ?? '—' },
            { key: 'idNumber', label: t('cases:fields.subjectIdNumber'), children: <span style={{ fontFamily: 'monospace' }}>{c.subjectIdNumber ?? '—'}</span> },
            ...(internal?.clue ? [{ key: 'clue', label: t('cases:fields.clue'), children: <Link to={`/clues/${internal.clue.id}`}>{internal.clue.number}</Link> }] : []),
            ...(internal?.clue?.transfer ? [{ key: 'transfer', label: t('cases:fields.transfer'), children: <TransferCheckLine transfer={internal.clue.transfer} /> }] : []),
            ...(c.closedOn ? [{ key: 'closedOn', label: t('cases:fields.closedOn'), children: format.date(c.closedOn) }] : []),
            ...(internal?.closingReason ? [{ key: 'closingReason', label: t('cases:fields.closingReason'), span: 'filled' as const, children: <Prose text={internal.closingReason} /> }] : []),
          ]}
        />
        <div>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('cases:case.clocks')}
          </Typography.Title>
          <ClocksTable clocks={c.clocks} />
        </div>
        {internal && <CaseActions c={internal} />}
      </Flex>
    </Card>
  );
}

function InternalTabs({ c }: { c: InternalCase }) {
  const { t } = useTranslation(['translation', 'cases']);
  const session = useCurrentSession();
  const may = caseAbilities(c, session);
  return (
    <Tabs
      items={[
        { key: 'review', label: t('cases:case.tabs.review'), children: <ReviewTab c={c} editable={may.edit} /> },
        { key: 'documents', label: t('cases:case.tabs.documents'), children: <DocumentsTab c={c} mayDraft={may.draft} /> },
        { key: 'replies', label: t('cases:case.tabs.replies'), children: <RepliesTab c={c} may={may} /> },
        { key: 'hearings', label: t('cases:case.tabs.hearings'), children: <HearingsTab c={c} editable={may.edit} /> },
        ...(c.kind === 'litigation' ? [{ key: 'committee', label: t('cases:case.tabs.committee'), children: <CommitteeTab c={c} mayRecord={may.recordCommittee} /> }] : []),
        { key: 'escalations', label: t('cases:case.tabs.escalations'), children: <EscalationsTab c={c} /> },
        { key: 'timeline', label: t('cases:case.tabs.timeline'), children: <TimelineTab c={c} /> },
      ]}
    />
  );
}

/**
 * One case (案件详情). The procuratorate sees everything: review, documents, replies and history.
 * The agency sees what concerns it: the documents served on it, its replies and their clocks.
 */
export default function CasePage() {
  const { t } = useTranslation(['translation', 'cases']);
  const { id = '' } = useParams();
  const { permissions } = useCurrentSession();
  const [unmask, setUnmask] = useState(false);
  const c = useCase(id, unmask);
  // An agency comes to a case from its inbox.
  const breadcrumb = [
    permissions.includes('case:list')
      ? { key: 'cases', title: <Link to="/cases">{t('menu.cases')}</Link> }
      : { key: 'inbox', title: permissions.includes('inbox:read') ? <Link to="/inbox">{t('menu.inbox')}</Link> : t('menu.cases') },
    { key: 'case', title: c.data?.number ?? t('menu.case') },
  ];
  if (c.error) {
    return (
      <PageContainer title={t('menu.case')} breadcrumb={breadcrumb}>
        <QueryError error={c.error} onRetry={() => void c.refetch()} />
      </PageContainer>
    );
  }
  if (!c.data) return <PageLoading />;
  const data = c.data;
  return (
    <PageContainer
      breadcrumb={breadcrumb}
      title={<span data-testid="case-title">{data.title}</span>}
      extra={permissions.includes('case:unmask') && data.subjectIdNumber && <UnmaskSwitch checked={unmask} onChange={setUnmask} />}
    >
      {unmask && !data.masked && <UnmaskedNotice />}
      <CaseHeader c={data} />
      {data.outward ? (
        <Card title={t('cases:case.outwardTitle')}>
          <Flex vertical gap={16}>
            <Typography.Text type="secondary">{t('cases:case.outwardIntro')}</Typography.Text>
            <DocumentsTab c={data} mayDraft={false} />
            <RepliesTab c={data} />
          </Flex>
        </Card>
      ) : (
        <>
          {data.litigation && <LitigationCard litigation={data.litigation} />}
          <InternalTabs c={data} />
        </>
      )}
    </PageContainer>
  );
}
