import { ArrowDownOutlined, ArrowUpOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Flex, Form, Input, InputNumber, Row, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { documentRule } from '../../../../domain/cases/documentFlow';
import { type DocumentContent, type DocumentDetail, useEditDocument } from '../../../api/cases';
import { ConflictAlert } from '../../../components/ConflictAlert';
import { DocumentPreview } from '../../../components/DocumentPreview';
import { conflictCurrent } from '../../../forms';
import { DocumentStateTag, linesOf, reportCaseError, textOf } from '../shared';

interface EditorValues {
  title: string;
  recipient?: string;
  paragraphs: { heading?: string; text?: string }[];
  copyTo?: string;
  replyMonths?: number | null;
}

function valuesOf(doc: DocumentDetail): EditorValues {
  return {
    title: doc.content.title,
    recipient: doc.content.recipient ?? '',
    paragraphs: doc.content.paragraphs.map((p) => ({ heading: p.heading ?? '', text: p.text })),
    copyTo: textOf(doc.content.copyTo),
    replyMonths: doc.replyMonths,
  };
}

/** The content as edited: the system keeps type, issuer and number (the server enforces it too). */
export function contentOf(base: DocumentContent, values: Partial<EditorValues>): DocumentContent {
  return {
    ...base,
    title: values.title?.trim() || base.title,
    recipient: base.internal ? null : values.recipient?.trim() || null,
    paragraphs: (values.paragraphs ?? [])
      .filter((p) => p?.text?.trim() || p?.heading?.trim())
      .map((p) => ({ ...(p.heading?.trim() ? { heading: p.heading.trim() } : {}), text: p.text ?? '' })),
    copyTo: linesOf(values.copyTo),
  };
}

/**
 * The draft's text: title, recipient line, paragraphs (each with an optional heading), copy-to
 * and the reply period, with the page as it will look beside it. Saved with the version it was
 * opened at; a save that lost the race shows the other version instead of overwriting it.
 */
export function DocumentEditor({ doc, onClose, onReload }: { doc: DocumentDetail; onClose: () => void; onReload: () => void }) {
  const { t } = useTranslation(['translation', 'cases']);
  const { message } = App.useApp();
  const [form] = Form.useForm<EditorValues>();
  const [baseline, setBaseline] = useState(doc);
  const [conflict, setConflict] = useState<DocumentDetail | null>(null);
  const edit = useEditDocument();
  const watched = Form.useWatch((values: EditorValues) => values, form) as Partial<EditorValues> | undefined;
  const preview = contentOf(baseline.content, watched ?? valuesOf(baseline));
  const hasReplyClock = documentRule(baseline.type).replyClock !== null;

  function save(values: EditorValues) {
    edit.mutate(
      { id: baseline.id, version: baseline.version, content: contentOf(baseline.content, values), ...(hasReplyClock && { replyMonths: values.replyMonths ?? null }) },
      {
        onSuccess: (saved) => {
          setBaseline(saved);
          void message.success(t('common.saved'));
          onClose();
        },
        onError: (error) => {
          const current = conflictCurrent<DocumentDetail>(error);
          if (current) setConflict(current);
          else reportCaseError(error, message, form);
        },
      },
    );
  }

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xxl={10}>
        <Card
          title={t('cases:document.editTitle')}
          extra={
            <Flex gap={8}>
              <Button onClick={onClose}>{t('cases:document.cancelEdit')}</Button>
              <Button type="primary" loading={edit.isPending} onClick={() => form.submit()} data-testid="save-document">
                {t('cases:document.save')}
              </Button>
            </Flex>
          }
        >
          {conflict && (
            <ConflictAlert
              onReload={() => {
                setBaseline(conflict);
                form.setFieldsValue(valuesOf(conflict));
                setConflict(null);
                onReload();
              }}
              current={[
                { key: 'state', label: t('cases:fields.documentState'), children: <DocumentStateTag state={conflict.state} /> },
                { key: 'title', label: t('cases:document.fields.title'), children: conflict.content.title },
                { key: 'paragraphs', label: t('cases:document.fields.paragraphs'), children: t('cases:document.paragraphCount', { count: conflict.content.paragraphs.length }) },
                { key: 'first', label: t('cases:document.fields.lastParagraph'), children: conflict.content.paragraphs.at(-1)?.text ?? '—' },
              ]}
            />
          )}
          <Form<EditorValues> form={form} layout="vertical" initialValues={valuesOf(baseline)} onFinish={save} data-testid="document-editor">
            <Form.Item name="title" label={t('cases:document.fields.title')} rules={[{ required: true, whitespace: true, max: 200 }]}>
              <Input />
            </Form.Item>
            {!baseline.content.internal && (
              <Form.Item name="recipient" label={t('cases:document.fields.recipient')} rules={[{ max: 300 }]}>
                <Input />
              </Form.Item>
            )}
            <Form.Item label={t('cases:document.fields.paragraphs')}>
              <Form.List name="paragraphs">
                {(fields, { add, remove, move }) => (
                  <Flex vertical gap={12}>
                    {fields.map((field, index) => (
                      <Card key={field.key} size="small" data-testid="paragraph">
                        <Flex gap={8} align="center" style={{ marginBottom: 8 }}>
                          <Typography.Text type="secondary">{t('cases:document.paragraphNumber', { number: index + 1 })}</Typography.Text>
                          <Form.Item name={[field.name, 'heading']} style={{ flex: 1, marginBottom: 0 }} rules={[{ max: 200 }]}>
                            <Input placeholder={t('cases:document.fields.heading')} size="small" />
                          </Form.Item>
                          <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={index === 0} aria-label={t('cases:document.moveUp')} onClick={() => move(index, index - 1)} />
                          <Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={index === fields.length - 1} aria-label={t('cases:document.moveDown')} onClick={() => move(index, index + 1)} />
                          <Button size="small" type="text" icon={<MinusCircleOutlined />} aria-label={t('cases:document.removeParagraph')} onClick={() => remove(field.name)} />
                        </Flex>
                        <Form.Item name={[field.name, 'text']} style={{ marginBottom: 0 }} rules={[{ max: 50000 }]}>
                          <Input.TextArea autoSize={{ minRows: 2, maxRows: 14 }} />
                        </Form.Item>
                      </Card>
                    ))}
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ heading: '', text: '' })}>
                      {t('cases:document.addParagraph')}
                    </Button>
                  </Flex>
                )}
              </Form.List>
            </Form.Item>
            {!baseline.content.internal && (
              <Form.Item name="copyTo" label={t('cases:document.fields.copyTo')} extra={t('cases:review.onePerLine')}>
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
              </Form.Item>
            )}
            {hasReplyClock && (
              <Form.Item name="replyMonths" label={t('cases:fields.replyMonths')} extra={t('cases:documents.replyMonthsHint')}>
                <InputNumber min={1} max={6} precision={0} style={{ width: 160 }} suffix={t('cases:documents.months')} />
              </Form.Item>
            )}
          </Form>
        </Card>
      </Col>
      <Col xs={24} xxl={14}>
        <DocumentPreview content={preview} layout={{ redHeader: !preview.internal, headerText: preview.issuer }} />
      </Col>
    </Row>
  );
}
