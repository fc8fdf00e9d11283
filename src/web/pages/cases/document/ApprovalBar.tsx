import { CheckOutlined, DownloadOutlined, EditOutlined, ReloadOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Flex, Form, Input, Modal, Popconfirm, Radio, Tooltip } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { approverFor, documentRule } from '../../../../domain/cases/documentFlow';
import { unfilledBlanks } from '../../../../domain/documents/templates';
import { type DocumentDetail, documentDocxUrl, useDocumentStep, useServeDocument } from '../../../api/cases';
import { useCurrentSession } from '../../../api/session';
import { isoOf, orNull, reportCaseError, today } from '../shared';

/** What the user may do with this document now, by its state and their role. */
function documentAbilities(doc: DocumentDetail, session: ReturnType<typeof useCurrentSession>, inCharge: boolean) {
  const has = (permission: string) => session.permissions.includes(permission);
  const approver = approverFor(doc.state);
  return {
    edit: doc.state === 'draft' && has('document:draft') && inCharge,
    approve: approver !== null && has('document:approve') && session.user.roles.includes(approver),
    serve: doc.state === 'approved' && documentRule(doc.type).servedOnAgency && has('document:serve'),
  };
}

type Dialog = 'approve' | 'return' | 'serve' | null;

interface DialogValues {
  comment?: string;
  on?: Dayjs;
  servedOn?: Dayjs;
  receivedOn?: Dayjs;
  method?: 'written' | 'announced';
}

function StepDialog({ doc, dialog, onClose }: { doc: DocumentDetail; dialog: Exclude<Dialog, null>; onClose: () => void }) {
  const { t } = useTranslation(['translation', 'cases']);
  const { message } = App.useApp();
  const [form] = Form.useForm<DialogValues>();
  const step = useDocumentStep();
  const serve = useServeDocument();
  const onError = (error: unknown) => reportCaseError(error, message, form);

  function submit(values: DialogValues) {
    if (dialog === 'serve') {
      serve.mutate(
        { id: doc.id, version: doc.version, servedOn: isoOf(values.servedOn), receivedOn: isoOf(values.receivedOn), method: values.method ?? 'written' },
        {
          onSuccess: () => {
            void message.success(t('cases:document.served'));
            onClose();
          },
          onError,
        },
      );
      return;
    }
    step.mutate(
      { id: doc.id, step: dialog, version: doc.version, comment: orNull(values.comment), ...(dialog === 'approve' && { on: isoOf(values.on) }) },
      {
        onSuccess: () => {
          void message.success(t(dialog === 'approve' ? 'cases:document.approved' : 'cases:document.returned'));
          onClose();
        },
        onError,
      },
    );
  }

  return (
    <Modal
      open
      title={t(`cases:document.dialogs.${dialog}`)}
      okText={t(`cases:document.dialogs.${dialog}`)}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={step.isPending || serve.isPending}
      okButtonProps={{ 'data-testid': `document-${dialog}-submit` }}
    >
      <Form<DialogValues> form={form} layout="vertical" initialValues={{ on: today(), servedOn: today(), receivedOn: today(), method: 'written' }} onFinish={submit}>
        {dialog === 'serve' ? (
          <>
            <Flex gap={16} wrap>
              <Form.Item name="servedOn" label={t('cases:fields.servedOn')} rules={[{ required: true }]}>
                <DatePicker allowClear={false} />
              </Form.Item>
              <Form.Item name="receivedOn" label={t('cases:fields.receivedOnByAgency')} tooltip={t('cases:document.receivedOnHint')} rules={[{ required: true }]}>
                <DatePicker allowClear={false} />
              </Form.Item>
            </Flex>
            <Form.Item name="method" label={t('cases:fields.serviceMethod')}>
              <Radio.Group
                options={[
                  { value: 'written', label: t('cases:serviceMethods.written') },
                  { value: 'announced', label: t('cases:serviceMethods.announced') },
                ]}
              />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item
              name="comment"
              label={t('cases:document.comment')}
              rules={[{ required: dialog === 'return', whitespace: true, message: t('cases:document.commentRequired') }, { max: 2000 }]}
            >
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="approval-comment" />
            </Form.Item>
            {dialog === 'approve' && (
              <Form.Item name="on" label={t('cases:document.approvedOn')} rules={[{ required: true }]}>
                <DatePicker allowClear={false} />
              </Form.Item>
            )}
          </>
        )}
      </Form>
    </Modal>
  );
}

/**
 * The document's next step: edit and submit a draft (the procurator), approve or return it (the
 * head, then the chief), serve it once approved; the DOCX at any time.
 */
export function ApprovalBar({ doc, inCharge, editing, onEdit }: { doc: DocumentDetail; inCharge: boolean; editing: boolean; onEdit: () => void }) {
  const { t } = useTranslation(['translation', 'cases']);
  const { message } = App.useApp();
  const session = useCurrentSession();
  const may = documentAbilities(doc, session, inCharge);
  const [dialog, setDialog] = useState<Dialog>(null);
  const step = useDocumentStep();
  const blanks = doc.state === 'draft' ? unfilledBlanks(doc.content) : [];

  const submit = () =>
    step.mutate(
      { id: doc.id, step: 'submit', version: doc.version },
      { onSuccess: () => void message.success(t('cases:document.submitted')), onError: (error) => reportCaseError(error, message) },
    );

  return (
    <Flex vertical gap={12}>
      {may.edit && blanks.length > 0 && <Alert type="warning" showIcon title={t('cases:document.blanks', { count: blanks.length })} description={blanks.join('、')} data-testid="document-blanks" />}
      <Flex gap={8} wrap data-testid="approval-bar">
        {may.edit && !editing && (
          <Button icon={<EditOutlined />} onClick={onEdit}>
            {t('cases:document.edit')}
          </Button>
        )}
        {may.edit && !editing && (
          <Popconfirm
            title={t('cases:document.redraftConfirm')}
            onConfirm={() =>
              step.mutate(
                { id: doc.id, step: 'redraft', version: doc.version },
                { onSuccess: () => void message.success(t('cases:document.redrafted')), onError: (error) => reportCaseError(error, message) },
              )
            }
          >
            <Button icon={<ReloadOutlined />}>{t('cases:document.redraft')}</Button>
          </Popconfirm>
        )}
        {may.edit && !editing && (
          <Tooltip title={blanks.length > 0 ? t('cases:document.fillBlanksFirst') : undefined}>
            <Button type="primary" icon={<SendOutlined />} loading={step.isPending} disabled={blanks.length > 0} onClick={submit} data-testid="document-submit">
              {t('cases:document.submit')}
            </Button>
          </Tooltip>
        )}
        {may.approve && (
          <>
            <Button type="primary" icon={<CheckOutlined />} onClick={() => setDialog('approve')} data-testid="document-approve">
              {t('cases:document.approve')}
            </Button>
            <Button icon={<RollbackOutlined />} onClick={() => setDialog('return')} data-testid="document-return">
              {t('cases:document.return')}
            </Button>
          </>
        )}
        {may.serve && (
          <Button type="primary" icon={<SendOutlined />} onClick={() => setDialog('serve')} data-testid="document-serve">
            {t('cases:document.serve')}
          </Button>
        )}
        <Button icon={<DownloadOutlined />} href={documentDocxUrl(doc.id)} data-testid="download-docx">
          {t('cases:document.docx')}
        </Button>
      </Flex>
      {dialog && <StepDialog doc={doc} dialog={dialog} onClose={() => setDialog(null)} />}
    </Flex>
  );
}
