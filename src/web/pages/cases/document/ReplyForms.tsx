import { App, Button, Card, DatePicker, Flex, Form, Input, InputNumber, Radio, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { REPLY_RESULTS } from '../../../../domain/cases/lifecycle';
import { courtOutcomesFor, replyResultOfCourtOutcome } from '../../../../domain/litigation';
import { type CourtOutcome, type DocumentDetail, type ReplyResult, useRaiseObjection, useSubmitReply } from '../../../api/cases';
import { ReplyResultTag, isoOf, orNull, reportCaseError, today, useCaseLabel } from '../shared';

interface ReplyValues {
  result: ReplyResult;
  summary: string;
  reasons?: string;
  penaltyDecisionNo?: string;
  penaltyType?: string;
  penaltyAmount?: number | null;
  penaltyDate?: Dayjs | null;
  repliedOn: Dayjs;
  recoveredAmount?: number | null;
  recoveredOn?: Dayjs | null;
  unitsReclaimed?: number | null;
  areaReclaimed?: number | null;
  reclaimedOn?: Dayjs | null;
  courtOutcome?: CourtOutcome;
}

/** Who answers a litigation document, for the outcome's label: the court, the superior procuratorate, or the one to correct. */
function outcomeLabelKey(type: string) {
  if (type === 'protest_request_report') return 'cases:replyCourt.outcome.superior' as const;
  if (type === 'litigation_suggestion') return 'cases:replyCourt.outcome.correction' as const;
  return 'cases:replyCourt.outcome.court' as const;
}

/** 法院处理结果: a litigation document is answered by its outcome (改判, 发回重审 …); the result follows from it. */
function CourtOutcomeField({ type }: { type: string }) {
  const { t } = useTranslation(['translation', 'cases']);
  const label = useCaseLabel();
  const form = Form.useFormInstance<ReplyValues>();
  const outcome = Form.useWatch('courtOutcome', form);
  return (
    <Form.Item
      name="courtOutcome"
      label={t(outcomeLabelKey(type))}
      rules={[{ required: true }]}
      extra={outcome && <Flex gap={4} align="center">{t('cases:replyCourt.resultLine')}<ReplyResultTag result={replyResultOfCourtOutcome(outcome)} /></Flex>}
    >
      <Select style={{ maxWidth: 320 }} options={courtOutcomesFor(type).map((o) => ({ value: o, label: label('courtOutcomes', o) }))} data-testid="reply-court-outcome" />
    </Form.Item>
  );
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
  const courtOutcome = Form.useWatch('courtOutcome', form);
  const chosen = Form.useWatch('result', form);
  const byOutcome = courtOutcomesFor(doc.type).length > 0;
  const result = byOutcome ? (courtOutcome ? replyResultOfCourtOutcome(courtOutcome) : undefined) : chosen;
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
              result: byOutcome && values.courtOutcome ? replyResultOfCourtOutcome(values.courtOutcome) : values.result,
              ...(byOutcome && { courtOutcome: values.courtOutcome }),
              summary: values.summary.trim(),
              reasons: orNull(values.reasons),
              penaltyDecisionNo: orNull(values.penaltyDecisionNo),
              penaltyType: orNull(values.penaltyType),
              penaltyAmount: values.penaltyAmount ?? null,
              penaltyDate: isoOf(values.penaltyDate) ?? null,
              repliedOn: isoOf(values.repliedOn),
              recoveredAmount: values.recoveredAmount ?? null,
              recoveredOn: isoOf(values.recoveredOn) ?? null,
              unitsReclaimed: values.unitsReclaimed ?? null,
              areaReclaimed: values.areaReclaimed ?? null,
              reclaimedOn: isoOf(values.reclaimedOn) ?? null,
            },
            { onSuccess: () => void message.success(t('cases:replies.submitted')), onError: (error) => reportCaseError(error, message, form) },
          )
        }
      >
        {byOutcome ? (
          <CourtOutcomeField type={doc.type} />
        ) : (
          <Form.Item name="result" label={t('cases:fields.replyResult')} rules={[{ required: true }]}>
            <Radio.Group options={REPLY_RESULTS.map((r) => ({ value: r, label: label('replyResults', r) }))} data-testid="reply-result" />
          </Form.Item>
        )}
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
        {/* Courts recover no money or housing: only agencies' replies carry recoveries. */}
        {!byOutcome && <RecoveryFields />}
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

/** 追回资金、收回住房: what the reply confirms recovered, each amount with its date (indicators, DOMAIN §11). */
function RecoveryFields() {
  const { t, i18n } = useTranslation(['translation', 'indicators']);
  const money = new Intl.NumberFormat(i18n.language, { style: 'currency', currency: 'CNY' });
  const form = Form.useFormInstance<ReplyValues>();
  const recovered = Form.useWatch('recoveredAmount', form);
  const units = Form.useWatch('unitsReclaimed', form);
  const area = Form.useWatch('areaReclaimed', form);
  const dateRule = (needed: boolean) => [{ required: needed, message: t('indicators:reply.dateRequired') }];
  return (
    <>
      <Typography.Text type="secondary">{t('indicators:reply.recoveryIntro')}</Typography.Text>
      <Flex gap={16} wrap style={{ marginTop: 8 }}>
        <Form.Item name="recoveredAmount" label={t('indicators:reply.recoveredAmount')} extra={recovered != null ? money.format(recovered) : undefined}>
          <InputNumber min={0} max={1e12} precision={2} step={100} prefix="¥" style={{ width: 200 }} data-testid="reply-recovered-amount" />
        </Form.Item>
        <Form.Item name="recoveredOn" label={t('indicators:reply.recoveredOn')} rules={dateRule(recovered != null)}>
          <DatePicker data-testid="reply-recovered-on" />
        </Form.Item>
        <Form.Item name="unitsReclaimed" label={t('indicators:reply.unitsReclaimed')}>
          <InputNumber min={0} max={1_000_000} precision={0} style={{ width: 140 }} data-testid="reply-units" />
        </Form.Item>
        <Form.Item name="areaReclaimed" label={t('indicators:reply.areaReclaimed')}>
          <InputNumber min={0} max={1e8} precision={2} style={{ width: 160 }} data-testid="reply-area" />
        </Form.Item>
        <Form.Item name="reclaimedOn" label={t('indicators:reply.reclaimedOn')} rules={dateRule(units != null || area != null)}>
          <DatePicker data-testid="reply-reclaimed-on" />
        </Form.Item>
      </Flex>
    </>
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
