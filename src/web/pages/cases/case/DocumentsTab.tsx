import { DownOutlined, FileAddOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Flex, Form, InputNumber, Modal, Select, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { documentRule, mayDraft } from '../../../../domain/cases/documentFlow';
import { DOCUMENT_TYPES, SUGGESTION_KINDS } from '../../../../domain/documents/types';
import { LITIGATION_SUGGESTION_KINDS } from '../../../../domain/litigation';
import type { OrganizationKind } from '../../../../domain/roles';
import { ApiError } from '../../../api/client';
import {
  type CaseDetail,
  type DocumentSummary,
  type DocumentType,
  type LitigationSuggestionKind,
  type Ref,
  type SuggestionKind,
  useAssignees,
  useCourts,
  useDraftDocument,
} from '../../../api/cases';
import { useFormat } from '../../../format';
import { CommitteeRequirement } from '../litigation/CommitteeTab';
import { DocumentStateTag, reportCaseError, useCaseLabel } from '../shared';

/** The document types the case's state allows to draft now (documentFlow's `mayDraft`). */
function draftableTypes(c: Pick<CaseDetail, 'kind' | 'state'>): DocumentType[] {
  return DOCUMENT_TYPES.filter((type) => mayDraft(type, c.kind, c.state));
}

/** Documents served on the agency may set a shorter reply period; suggestions have a kind. */
function needsOptions(type: DocumentType): boolean {
  return type === 'procuratorial_suggestion' || documentRule(type).replyClock !== null;
}

interface DraftOptions {
  suggestionKind?: SuggestionKind | LitigationSuggestionKind;
  recipientId?: string | null;
  replyMonths?: number | null;
}

/** Whom a litigation document may go to: a litigation suggestion's kind narrows its rule (court, or the agency ignoring a judgment). */
function recipientKindsOf(type: DocumentType, suggestionKind: string | undefined): readonly OrganizationKind[] {
  if (type === 'litigation_suggestion') return suggestionKind === 'agency_noncompliance' ? ['agency'] : ['court'];
  return documentRule(type).recipientKinds;
}

/** Litigation documents are addressed by choice — the application's court by default — among the kinds their rule allows. */
function RecipientField({ c, type }: { c: CaseDetail; type: DocumentType }) {
  const { t } = useTranslation(['translation', 'cases']);
  const form = Form.useFormInstance<DraftOptions>();
  const suggestionKind = Form.useWatch('suggestionKind', form);
  const kinds = recipientKindsOf(type, suggestionKind);
  const courts = useCourts(kinds.some((k) => k !== 'agency'));
  const assignees = useAssignees(kinds.includes('agency'));
  const options = [
    ...(courts.data?.items ?? []).filter((o) => kinds.includes(o.kind)).map((o) => ({ value: o.id, label: o.name })),
    ...(kinds.includes('agency') ? (assignees.data?.agencies ?? []).map((a) => ({ value: a.id, label: a.name })) : []),
  ];
  const court = !c.outward ? c.litigation?.court?.id : undefined;
  const preferred = kinds.includes('court') && court ? court : kinds.includes('agency') ? c.agency?.id : options.length === 1 ? options[0].value : undefined;
  const current = Form.useWatch('recipientId', form);
  // A choice that no longer fits (the kind of suggestion changed) gives way to the default of the new kind.
  const fits = options.some((o) => o.value === current);
  useEffect(() => {
    if (options.length > 0 && !fits && preferred && preferred !== current) form.setFieldValue('recipientId', preferred);
  }, [fits, current, preferred, options.length, form]);
  return (
    <Form.Item
      name="recipientId"
      label={t('cases:fields.recipient')}
      extra={t('cases:draftOptions.recipientHint', { kinds: kinds.map((k) => t(`organizationKinds.${k}`)).join('、') })}
      rules={[{ required: true }]}
    >
      <Select showSearch={{ optionFilterProp: 'label' }} loading={courts.isLoading || assignees.isLoading} options={options} data-testid="draft-recipient" />
    </Form.Item>
  );
}

function DraftOptionsModal({ c, type, onDraft, onClose, pending }: { c: CaseDetail; type: DocumentType; onDraft: (options: DraftOptions) => void; onClose: () => void; pending: boolean }) {
  const { t } = useTranslation(['translation', 'cases']);
  const label = useCaseLabel();
  const [form] = Form.useForm<DraftOptions>();
  const suggestionKind = Form.useWatch('suggestionKind', form);
  const litigation = c.kind === 'litigation' && documentRule(type).recipientKinds.length > 0;
  const initialKind = type === 'litigation_suggestion' ? 'trial_irregularity' : 'individual';
  return (
    <Modal
      open
      title={t('cases:documents.draftTitle', { type: label('documentTypes', type) })}
      okText={t('cases:documents.draft')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={pending}
      okButtonProps={{ 'data-testid': 'draft-options-submit' }}
    >
      <Form form={form} layout="vertical" initialValues={{ suggestionKind: initialKind }} onFinish={onDraft}>
        {type === 'procuratorial_suggestion' && (
          <Form.Item name="suggestionKind" label={t('cases:fields.suggestionKind')} rules={[{ required: true }]}>
            <Select options={SUGGESTION_KINDS.map((kind) => ({ value: kind, label: label('suggestionKinds', kind) }))} />
          </Form.Item>
        )}
        {type === 'litigation_suggestion' && (
          <Form.Item name="suggestionKind" label={t('cases:fields.litigationSuggestionKind')} rules={[{ required: true }]}>
            <Select options={LITIGATION_SUGGESTION_KINDS.map((kind) => ({ value: kind, label: label('litigationSuggestionKinds', kind) }))} data-testid="litigation-suggestion-kind" />
          </Form.Item>
        )}
        {litigation && <RecipientField c={c} type={type} />}
        {/* The court's answer runs on its own statutory clock; other addressees may be given less time. */}
        {documentRule(type).replyClock !== 'court_response' && (
          <Form.Item name="replyMonths" label={t('cases:fields.replyMonths')} extra={t('cases:documents.replyMonthsHint')}>
            <InputNumber min={1} max={6} precision={0} style={{ width: 160 }} suffix={t('cases:documents.months')} />
          </Form.Item>
        )}
        {!c.outward && <CommitteeRequirement decisions={c.committeeDecisions} type={type} suggestionKind={suggestionKind} />}
      </Form>
    </Modal>
  );
}

/** 起草: the types the case's state allows; a draft already in progress is opened instead. */
function DraftMenu({ c }: { c: CaseDetail }) {
  const { t } = useTranslation(['translation', 'cases']);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const label = useCaseLabel();
  const draft = useDraftDocument();
  const [choosing, setChoosing] = useState<DocumentType | null>(null);
  const types = draftableTypes(c);

  function start(type: DocumentType, options: DraftOptions = {}) {
    draft.mutate(
      { caseId: c.id, type, ...options },
      {
        onSuccess: (doc) => {
          setChoosing(null);
          void navigate(`/documents/${doc.id}`);
        },
        onError: (error) => {
          const existing = error instanceof ApiError && error.code === 'draft_exists' ? error.body.documentId : undefined;
          if (typeof existing === 'string') {
            void message.info(t('cases:errors.draft_exists'));
            void navigate(`/documents/${existing}`);
          } else {
            reportCaseError(error, message);
          }
        },
      },
    );
  }

  return (
    <>
      <Dropdown
        disabled={types.length === 0}
        menu={{
          items: types.map((type) => ({ key: type, label: label('documentTypes', type) })),
          onClick: ({ key }) => (needsOptions(key as DocumentType) ? setChoosing(key as DocumentType) : start(key as DocumentType)),
        }}
      >
        <Button type="primary" icon={<FileAddOutlined />} loading={draft.isPending && !choosing} data-testid="draft-menu">
          <Flex gap={6} align="center">
            {t('cases:documents.draft')}
            <DownOutlined />
          </Flex>
        </Button>
      </Dropdown>
      {types.length === 0 && <Typography.Text type="secondary">{t('cases:documents.nothingToDraft', { state: label('states', c.state) })}</Typography.Text>}
      {choosing && <DraftOptionsModal c={c} type={choosing} pending={draft.isPending} onClose={() => setChoosing(null)} onDraft={(options) => start(choosing, options)} />}
    </>
  );
}

/** 文书: the documents of the case with their state and number. */
export function DocumentsTab({ c, mayDraft: allowed }: { c: CaseDetail; mayDraft: boolean }) {
  const { t } = useTranslation(['translation', 'cases']);
  const format = useFormat();
  const label = useCaseLabel();
  type Row = DocumentSummary & { recipient: Ref | null };
  return (
    <Flex vertical gap={12}>
      {allowed && (
        <Flex gap={12} align="center" wrap>
          <DraftMenu c={c} />
        </Flex>
      )}
      <Table<Row>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={c.documents}
        data-testid="case-documents"
        locale={{ emptyText: t('cases:documents.empty') }}
        columns={[
          { title: t('cases:fields.documentType'), dataIndex: 'type', render: (type: DocumentType, d) => <Link to={`/documents/${d.id}`}>{label('documentTypes', type)}</Link> },
          { title: t('cases:fields.documentNumber'), dataIndex: 'number', render: (number: string | null) => number ?? <Typography.Text type="secondary">{t('cases:documents.unnumbered')}</Typography.Text> },
          { title: t('cases:fields.documentState'), dataIndex: 'state', render: (state: Row['state']) => <DocumentStateTag state={state} /> },
          { title: t('cases:fields.recipient'), key: 'recipient', render: (_, d) => d.recipient?.name ?? '—' },
          { title: t('cases:fields.approvedOn'), dataIndex: 'approvedOn', render: (on: string | null) => (on ? format.date(on) : '—') },
          { title: t('cases:fields.servedOn'), dataIndex: 'servedOn', render: (on: string | null) => (on ? format.date(on) : '—') },
        ]}
      />
    </Flex>
  );
}
