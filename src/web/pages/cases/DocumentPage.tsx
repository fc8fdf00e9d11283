import { Button, Card, Col, Descriptions, Flex, Row, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type DocumentDetail, useCase, useDocument } from '../../api/cases';
import { useCurrentSession } from '../../api/session';
import { DocumentPreview } from '../../components/DocumentPreview';
import { PageContainer } from '../../components/PageContainer';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { useFormat } from '../../format';
import { ReplyDescription } from './case/RepliesTab';
import { ClocksTable } from './clocks';
import { ApprovalBar } from './document/ApprovalBar';
import { DocumentEditor } from './document/DocumentEditor';
import { ObjectionForm, ReplyForm } from './document/ReplyForms';
import { CommitteeRequirement } from './litigation/CommitteeTab';
import { DocumentStateTag, ObjectionStateTag, Prose, useCaseLabel } from './shared';

function DocumentFacts({ doc }: { doc: DocumentDetail }) {
  const { t } = useTranslation(['translation', 'cases']);
  const format = useFormat();
  const label = useCaseLabel();
  const { permissions } = useCurrentSession();
  return (
    <Descriptions
      size="small"
      column={1}
      items={[
        { key: 'type', label: t('cases:fields.documentType'), children: label('documentTypes', doc.type) },
        ...(doc.suggestionKind
          ? doc.type === 'litigation_suggestion'
            ? [{ key: 'suggestionKind', label: t('cases:fields.litigationSuggestionKind'), children: label('litigationSuggestionKinds', doc.suggestionKind) }]
            : [{ key: 'suggestionKind', label: t('cases:fields.suggestionKind'), children: label('suggestionKinds', doc.suggestionKind) }]
          : []),
        { key: 'number', label: t('cases:fields.documentNumber'), children: <span data-testid="document-number">{doc.number ?? t('cases:documents.unnumbered')}</span> },
        { key: 'state', label: t('cases:fields.documentState'), children: <DocumentStateTag state={doc.state} /> },
        {
          key: 'case',
          label: t('cases:fields.case'),
          children: permissions.includes('case:read') ? <Link to={`/cases/${doc.case.id}`}>{doc.case.number}</Link> : doc.case.number,
        },
        ...(doc.recipient ? [{ key: 'recipient', label: t('cases:fields.recipient'), children: doc.recipient.name }] : []),
        { key: 'draftedBy', label: t('cases:fields.draftedBy'), children: doc.draftedBy },
        ...(doc.replyMonths ? [{ key: 'replyMonths', label: t('cases:fields.replyMonths'), children: t('cases:units.calendar_months', { count: doc.replyMonths }) }] : []),
        ...(doc.approvedOn ? [{ key: 'approvedOn', label: t('cases:fields.approvedOn'), children: format.date(doc.approvedOn) }] : []),
        ...(doc.servedOn ? [{ key: 'servedOn', label: t('cases:fields.servedOn'), children: format.date(doc.servedOn) }] : []),
        ...(doc.receivedOn ? [{ key: 'receivedOn', label: t('cases:fields.receivedOnByAgency'), children: format.date(doc.receivedOn) }] : []),
        ...(doc.serviceMethod ? [{ key: 'method', label: t('cases:fields.serviceMethod'), children: label('serviceMethods', doc.serviceMethod) }] : []),
      ]}
    />
  );
}

/** Who submitted, approved or returned the document, when, and what they said. */
function ApprovalTrail({ doc }: { doc: DocumentDetail }) {
  const { t } = useTranslation(['translation', 'cases']);
  const format = useFormat();
  const label = useCaseLabel();
  if (doc.approvals.length === 0) return <Typography.Text type="secondary">{t('cases:document.noApprovals')}</Typography.Text>;
  return (
    <Timeline
      data-testid="approval-trail"
      items={doc.approvals.map((a, index) => ({
        key: index,
        color: a.step === 'returned' ? 'red' : a.step === 'submitted' ? 'blue' : 'green',
        title: format.dateTime(a.at),
        content: (
          <Flex vertical>
            <Typography.Text strong>
              {label('approvalSteps', a.step)} · {a.byName}
            </Typography.Text>
            {a.comment && <Typography.Text type="secondary">{a.comment}</Typography.Text>}
          </Flex>
        ),
      }))}
    />
  );
}

/**
 * One document (法律文书): the page as it will be printed, its approval and service, the reply
 * clock, and for the agency it was served on, the reply (and, for a suggestion, the objection).
 */
export default function DocumentPage() {
  const { t } = useTranslation(['translation', 'cases']);
  const { id = '' } = useParams();
  const session = useCurrentSession();
  const { permissions, user } = session;
  const [editing, setEditing] = useState(false);
  // The agency answers here; the procuratorate only enters a reply that came on paper.
  const [enteringReply, setEnteringReply] = useState(false);
  const agency = user.organization.kind === 'agency';
  const doc = useDocument(id);
  // Who is in charge of the case decides who may edit a draft; agencies never need it.
  const c = useCase(doc.data?.case.id ?? '', false, user.organization.kind === 'procuratorate');
  const inCharge = user.roles.includes('department_head') || (!!c.data && !c.data.outward && c.data.procurator?.id === user.id);

  const breadcrumb = [
    ...(permissions.includes('case:list') ? [{ key: 'cases', title: <Link to="/cases">{t('menu.cases')}</Link> }] : []),
    ...(permissions.includes('inbox:read') ? [{ key: 'inbox', title: <Link to="/inbox">{t('menu.inbox')}</Link> }] : []),
    ...(doc.data && permissions.includes('case:read') ? [{ key: 'case', title: <Link to={`/cases/${doc.data.case.id}`}>{doc.data.case.number}</Link> }] : []),
    { key: 'document', title: t('menu.document') },
  ];
  if (doc.error) {
    return (
      <PageContainer title={t('menu.document')} breadcrumb={breadcrumb}>
        <QueryError error={doc.error} onRetry={() => void doc.refetch()} />
      </PageContainer>
    );
  }
  if (!doc.data) return <PageLoading />;
  const data = doc.data;
  const replied = data.replies.length > 0;
  const pendingObjection = data.objections.some((o) => o.state === 'pending');
  const mayReply = data.state === 'served' && !replied && permissions.includes('reply:submit');
  const mayObject = data.type === 'procuratorial_suggestion' && data.state === 'served' && !replied && !pendingObjection && permissions.includes('objection:raise');

  return (
    <PageContainer
      breadcrumb={breadcrumb}
      title={
        <Flex gap={8} align="center" wrap>
          <span data-testid="document-title">{data.content.title}</span>
          {data.number && <Typography.Text type="secondary">{data.number}</Typography.Text>}
          <DocumentStateTag state={data.state} />
        </Flex>
      }
    >
      {/* Until it is signed, whether the procuratorial committee's approval (needed by some litigation documents) stands. */}
      {c.data && !c.data.outward && ['draft', 'pending_head', 'pending_chief'].includes(data.state) && (
        <CommitteeRequirement decisions={c.data.committeeDecisions} type={data.type} suggestionKind={data.suggestionKind} />
      )}
      <ApprovalBar doc={data} inCharge={inCharge} editing={editing} onEdit={() => setEditing(true)} />
      {editing ? (
        <DocumentEditor key={data.version} doc={data} onClose={() => setEditing(false)} onReload={() => void doc.refetch()} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xxl={15}>
            <DocumentPreview content={data.content} layout={{ redHeader: !data.content.internal, headerText: data.content.issuer }} />
          </Col>
          <Col xs={24} xxl={9}>
            <Flex vertical gap={16}>
              <Card size="small" title={t('cases:document.facts')}>
                <DocumentFacts doc={data} />
              </Card>
              {data.clocks.length > 0 && (
                <Card size="small" title={t('cases:document.replyClock')}>
                  <ClocksTable clocks={data.clocks} />
                </Card>
              )}
              {data.replies.map((reply) => (
                <Card key={reply.id} size="small" title={t('cases:replies.title')} data-testid="reply">
                  <ReplyDescription reply={reply} />
                </Card>
              ))}
              {data.objections.map((o) => (
                <Card key={o.id} size="small" title={t('cases:objections.title')} extra={<ObjectionStateTag state={o.state} />} data-testid="objection">
                  <Prose text={o.grounds} />
                  {o.decisionReasons && (
                    <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                      {t('cases:objections.decisionLine', { reasons: o.decisionReasons })}
                    </Typography.Paragraph>
                  )}
                </Card>
              ))}
              {mayReply && (agency || enteringReply ? <ReplyForm doc={data} /> : <Button onClick={() => setEnteringReply(true)}>{t('cases:replies.enterPaperReply')}</Button>)}
              {mayObject && <ObjectionForm doc={data} />}
              {/* Approval comments are the procuratorate's internal business. */}
              {!agency && (
                <Card size="small" title={t('cases:document.approvals')}>
                  <ApprovalTrail doc={data} />
                </Card>
              )}
            </Flex>
          </Col>
        </Row>
      )}
    </PageContainer>
  );
}
