import { App, Button, Card, DatePicker, Descriptions, Empty, Flex, Form, Input, Radio, Select, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { REPLY_RESULTS } from '../../../../domain/cases/lifecycle';
import { type CaseDetail, type Objection, type Reply, type ReplyResult, useDecideObjection, useEvaluateReply } from '../../../api/cases';
import { useFormat } from '../../../format';
import { ObjectionStateTag, Prose, ReplyResultTag, caseLabel, isoOf, orNull, reportCaseError, today, useCaseLabel } from '../shared';
import type { CaseAbilities } from './abilities';

/** A reply as the agency gave it: result, account, reasons, the penalty imposed. */
export function ReplyDescription({ reply }: { reply: Reply }) {
  const { t } = useTranslation(['translation', 'cases']);
  const format = useFormat();
  const penalty = reply.penalty;
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2 }}
      items={[
        ...(reply.courtOutcome
          ? [{ key: 'courtOutcome', label: t('cases:fields.courtOutcome'), children: <Tag color="geekblue" data-testid="court-outcome">{caseLabel('courtOutcomes', reply.courtOutcome)}</Tag> }]
          : []),
        { key: 'result', label: t('cases:fields.replyResult'), children: <ReplyResultTag result={reply.result} /> },
        { key: 'repliedOn', label: t('cases:fields.repliedOn'), children: `${format.date(reply.repliedOn)} · ${reply.submittedBy}` },
        { key: 'summary', label: t('cases:fields.replySummary'), span: 'filled' as const, children: <Prose text={reply.summary} /> },
        ...(reply.reasons ? [{ key: 'reasons', label: t('cases:fields.replyReasons'), span: 'filled' as const, children: <Prose text={reply.reasons} /> }] : []),
        ...(penalty
          ? [
              { key: 'penaltyNo', label: t('cases:fields.penaltyDecisionNo'), children: penalty.decisionNo ?? '—' },
              { key: 'penaltyType', label: t('cases:fields.penaltyType'), children: penalty.type ?? '—' },
              { key: 'penaltyAmount', label: t('cases:fields.penaltyAmount'), children: penalty.amount === null ? '—' : format.money(penalty.amount) },
              { key: 'penaltyDate', label: t('cases:fields.penaltyDate'), children: penalty.date ? format.date(penalty.date) : '—' },
            ]
          : []),
        ...(reply.evaluation
          ? [
              {
                key: 'evaluation',
                label: t('cases:fields.replyEvaluation'),
                span: 'filled' as const,
                children: (
                  <Flex gap={8} wrap>
                    <ReplyResultTag result={reply.evaluation} />
                    {reply.evaluatedOn && <Typography.Text type="secondary">{format.date(reply.evaluatedOn)}</Typography.Text>}
                    {reply.evaluationNote && <Typography.Text>{reply.evaluationNote}</Typography.Text>}
                  </Flex>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}

interface EvaluationValues {
  evaluation: ReplyResult;
  note?: string;
  next: 'close' | 'follow_up';
  on: Dayjs;
}

/** The procurator's evaluation of a reply, then: close the case, or follow up. */
function EvaluationForm({ c, reply }: { c: CaseDetail; reply: Reply }) {
  const { t } = useTranslation(['translation', 'cases']);
  const { message } = App.useApp();
  const label = useCaseLabel();
  const [form] = Form.useForm<EvaluationValues>();
  const evaluate = useEvaluateReply();
  return (
    <Form<EvaluationValues>
      form={form}
      layout="vertical"
      initialValues={{ evaluation: reply.result, next: reply.result === 'adopted' ? 'close' : 'follow_up', on: today() }}
      onFinish={(values) =>
        evaluate.mutate(
          { replyId: reply.id, evaluation: values.evaluation, note: orNull(values.note), next: values.next, caseVersion: c.version, on: isoOf(values.on) },
          { onSuccess: () => void message.success(t('cases:replies.evaluated')), onError: (error) => reportCaseError(error, message, form) },
        )
      }
      data-testid="reply-evaluation"
    >
      <Typography.Title level={5}>{t('cases:replies.evaluate')}</Typography.Title>
      <Flex gap={16} wrap>
        <Form.Item name="evaluation" label={t('cases:fields.replyEvaluation')} rules={[{ required: true }]} style={{ width: 180 }}>
          <Select options={REPLY_RESULTS.map((r) => ({ value: r, label: label('replyResults', r) }))} />
        </Form.Item>
        <Form.Item name="on" label={t('cases:fields.on')} rules={[{ required: true }]}>
          <DatePicker allowClear={false} />
        </Form.Item>
      </Flex>
      <Form.Item name="note" label={t('cases:fields.evaluationNote')} rules={[{ max: 5000 }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
      <Form.Item name="next" label={t('cases:replies.next')} rules={[{ required: true }]}>
        <Radio.Group
          options={[
            { value: 'close', label: t('cases:replies.nextClose') },
            { value: 'follow_up', label: t('cases:replies.nextFollowUp') },
          ]}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={evaluate.isPending}>
        {t('cases:replies.submitEvaluation')}
      </Button>
    </Form>
  );
}

interface DecisionValues {
  decision: 'upheld' | 'rejected';
  reasons: string;
  on: Dayjs;
}

/** 复核: the 检察长 upholds the objection (the suggestion is withdrawn) or rejects it with reasons. */
function ObjectionDecisionForm({ c, objection }: { c: CaseDetail; objection: Objection }) {
  const { t } = useTranslation(['translation', 'cases']);
  const { message } = App.useApp();
  const [form] = Form.useForm<DecisionValues>();
  const decide = useDecideObjection();
  return (
    <Form<DecisionValues>
      form={form}
      layout="vertical"
      initialValues={{ on: today() }}
      onFinish={(values) =>
        decide.mutate(
          { objectionId: objection.id, decision: values.decision, reasons: values.reasons.trim(), caseVersion: c.version, on: isoOf(values.on) },
          { onSuccess: () => void message.success(t('cases:objections.decided')), onError: (error) => reportCaseError(error, message, form) },
        )
      }
      data-testid="objection-decision"
    >
      <Typography.Title level={5}>{t('cases:objections.decide')}</Typography.Title>
      <Form.Item name="decision" label={t('cases:objections.decision')} rules={[{ required: true }]}>
        <Radio.Group
          options={[
            { value: 'upheld', label: t('cases:objections.upheld') },
            { value: 'rejected', label: t('cases:objections.rejected') },
          ]}
        />
      </Form.Item>
      <Form.Item name="reasons" label={t('cases:objections.reasons')} rules={[{ required: true, whitespace: true, max: 20000 }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} />
      </Form.Item>
      <Form.Item name="on" label={t('cases:fields.on')} rules={[{ required: true }]}>
        <DatePicker allowClear={false} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={decide.isPending}>
        {t('cases:objections.submitDecision')}
      </Button>
    </Form>
  );
}

/** 回复与异议: what the agency answered and objected, and what the procuratorate made of it. */
export function RepliesTab({ c, may }: { c: CaseDetail; may?: CaseAbilities }) {
  const { t } = useTranslation(['translation', 'cases']);
  const format = useFormat();
  const documentOf = (id: string) => c.documents.find((d) => d.id === id);
  const docLink = (id: string) => {
    const d = documentOf(id);
    return <Link to={`/documents/${id}`}>{d ? (d.number ?? d.title) : t('menu.document')}</Link>;
  };
  const canEvaluate = !!may?.evaluateReply && !c.outward && c.state !== 'closed';
  if (c.replies.length === 0 && c.objections.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases:replies.none')} />;
  return (
    <Flex vertical gap={16}>
      {c.replies.map((reply) => (
        <Card key={reply.id} size="small" title={t('cases:replies.title')} extra={docLink(reply.documentId)} data-testid="reply">
          <ReplyDescription reply={reply} />
          {canEvaluate && !reply.evaluation && <EvaluationForm c={c} reply={reply} />}
        </Card>
      ))}
      {c.objections.map((objection) => (
        <Card key={objection.id} size="small" title={t('cases:objections.title')} extra={<Flex gap={8}>{docLink(objection.documentId)}<ObjectionStateTag state={objection.state} /></Flex>} data-testid="objection">
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'raised', label: t('cases:objections.raisedOn'), children: `${format.date(objection.raisedOn)} · ${objection.raisedBy}` },
              { key: 'grounds', label: t('cases:objections.grounds'), children: <Prose text={objection.grounds} /> },
              ...(objection.decidedOn ? [{ key: 'decided', label: t('cases:objections.decidedOn'), children: format.date(objection.decidedOn) }] : []),
              ...(objection.decisionReasons ? [{ key: 'reasons', label: t('cases:objections.reasons'), children: <Prose text={objection.decisionReasons} /> }] : []),
            ]}
          />
          {objection.state === 'pending' && may?.decideObjection && !c.outward && <ObjectionDecisionForm c={c} objection={objection} />}
        </Card>
      ))}
    </Flex>
  );
}
