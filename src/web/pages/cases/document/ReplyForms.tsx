import { App, Button, Card, DatePicker, Flex, Form, Input, InputNumber, Radio, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { REPLY_RESULTS } from '../../../../domain/cases/lifecycle';
import { type DocumentDetail, type ReplyResult, useRaiseObjection, useSubmitReply } from '../../../api/cases';
import { isoOf, orNull, reportCaseError, today, useCaseLabel } from '../shared';

interface ReplyValues {
  result: ReplyResult;
  summary: string;
  reasons?: string;
  penaltyDecisionNo?: string;
  penaltyType?: string;
  penaltyAmount?: number | null;
  penaltyDate?: Dayjs | null;
  repliedOn: Dayjs;
}

/**
 * 书面回复: what the agency did with the document — for an opinion, the penalty it imposed.
 * Reasons are required when it was not adopted. A procurator may enter a reply received on paper.
 */
export function ReplyForm({ doc }: { doc: DocumentDetail }) {
  const { t } = useTranslation(['translation', 'cases']);
  const { message } = App.useApp();
  const label = useCaseLabel();
  const [form] = Form.useForm<ReplyValues>();
  const result = Form.useWatch('result', form);
  const submit = useSubmitReply();
  const penalty = doc.type === 'procuratorial_opinion' || doc.case.kind === 'reverse_connection';
  return (
    <Card title={t('cases:replies.formTitle')} data-testid="reply-form">
      <Form<ReplyValues>
        form={form}
        layout="vertical"
        initialValues={{ result: 'adopted', repliedOn: today() }}
        onFinish={(values) =>
          submit.mutate(
            {
              documentId: doc.id,
              result: values.result,
              summary: values.summary.trim(),
              reasons: orNull(values.reasons),
              penaltyDecisionNo: orNull(values.penaltyDecisionNo),
              penaltyType: orNull(values.penaltyType),
              penaltyAmount: values.penaltyAmount ?? null,
              penaltyDate: isoOf(values.penaltyDate) ?? null,
              repliedOn: isoOf(values.repliedOn),
            },
            { onSuccess: () => void message.success(t('cases:replies.submitted')), onError: (error) => reportCaseError(error, message, form) },
          )
        }
      >
        <Form.Item name="result" label={t('cases:fields.replyResult')} rules={[{ required: true }]}>
          <Radio.Group options={REPLY_RESULTS.map((r) => ({ value: r, label: label('replyResults', r) }))} data-testid="reply-result" />
        </Form.Item>
        <Form.Item name="summary" label={t('cases:fields.replySummary')} rules={[{ required: true, whitespace: true, max: 20000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} data-testid="reply-summary" />
        </Form.Item>
        <Form.Item
          name="reasons"
          label={t('cases:fields.replyReasons')}
          rules={[{ required: result === 'not_adopted', whitespace: true, message: t('cases:replies.reasonsRequired') }, { max: 20000 }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} data-testid="reply-reasons" />
        </Form.Item>
        {penalty && (
          <>
            <Typography.Text type="secondary">{t('cases:replies.penaltyIntro')}</Typography.Text>
            <Flex gap={16} wrap style={{ marginTop: 8 }}>
              <Form.Item name="penaltyDecisionNo" label={t('cases:fields.penaltyDecisionNo')} rules={[{ max: 100 }]} style={{ flex: 1, minWidth: 220 }}>
                <Input />
              </Form.Item>
              <Form.Item name="penaltyType" label={t('cases:fields.penaltyType')} rules={[{ max: 100 }]} style={{ flex: 1, minWidth: 180 }}>
                <Input />
              </Form.Item>
            </Flex>
            <Flex gap={16} wrap>
              <Form.Item name="penaltyAmount" label={t('cases:fields.penaltyAmount')}>
                <InputNumber min={0} max={1e12} precision={2} step={100} prefix="¥" style={{ width: 200 }} />
              </Form.Item>
              <Form.Item name="penaltyDate" label={t('cases:fields.penaltyDate')}>
                <DatePicker />
              </Form.Item>
            </Flex>
          </>
        )}
        <Form.Item name="repliedOn" label={t('cases:fields.repliedOn')} rules={[{ required: true }]}>
          <DatePicker allowClear={false} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={submit.isPending} data-testid="reply-submit">
          {t('cases:replies.submit')}
        </Button>
      </Form>
    </Card>
  );
}

/** 异议: the agency disputes a procuratorial suggestion; the procuratorate reviews it at once. */
export function ObjectionForm({ doc }: { doc: DocumentDetail }) {
  const { t } = useTranslation(['translation', 'cases']);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ grounds: string; raisedOn: Dayjs }>();
  const raise = useRaiseObjection();
  return (
    <Card title={t('cases:objections.formTitle')} data-testid="objection-form">
      <Typography.Paragraph type="secondary">{t('cases:objections.intro')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ raisedOn: today() }}
        onFinish={(values) =>
          raise.mutate(
            { documentId: doc.id, grounds: values.grounds.trim(), raisedOn: isoOf(values.raisedOn) },
            { onSuccess: () => void message.success(t('cases:objections.raised')), onError: (error) => reportCaseError(error, message, form) },
          )
        }
      >
        <Form.Item name="grounds" label={t('cases:objections.grounds')} rules={[{ required: true, whitespace: true, max: 20000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} data-testid="objection-grounds" />
        </Form.Item>
        <Form.Item name="raisedOn" label={t('cases:objections.raisedOn')} rules={[{ required: true }]}>
          <DatePicker allowClear={false} />
        </Form.Item>
        <Button htmlType="submit" loading={raise.isPending} data-testid="objection-submit">
          {t('cases:objections.submit')}
        </Button>
      </Form>
    </Card>
  );
}
