import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, DatePicker, Flex, Form, Input, InputNumber, Radio, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHECKLIST_ITEMS, unansweredItems } from '../../../../domain/cases/reviewForm';
import { type InternalCase, useSaveReview } from '../../../api/cases';
import { ConflictAlert } from '../../../components/ConflictAlert';
import { conflictCurrent } from '../../../forms';
import { Prose, reportCaseError, useCaseLabel } from '../shared';
import { ReviewChecksCard } from './ReviewChecksCard';
import { type ReviewValues, type Tristate, reviewFormOf, reviewValuesOf } from './reviewValues';

const TEXT = { autoSize: { minRows: 2, maxRows: 8 } } as const;

function TristateSelect(props: { value?: Tristate; onChange?: (value: Tristate) => void; disabled?: boolean }) {
  const { t } = useTranslation(['translation', 'cases']);
  return (
    <Select
      {...props}
      style={{ width: 140 }}
      options={(['yes', 'no', 'unknown'] as const).map((v) => ({ value: v, label: t(`cases:review.tristate.${v}`) }))}
    />
  );
}

/** 审查要点: each item answered yes / no / not yet, always with the reason. */
function Checklist() {
  const { t } = useTranslation(['translation', 'cases']);
  const label = useCaseLabel();
  return (
    <Card size="small" title={t('cases:review.checklist')}>
      <Typography.Paragraph type="secondary">{t('cases:review.checklistIntro')}</Typography.Paragraph>
      {CHECKLIST_ITEMS.map((item, index) => (
        <Flex key={item} gap={12} align="flex-start" wrap data-testid={`checklist-${item}`}>
          <Flex vertical style={{ width: 260 }}>
            <Typography.Text strong>
              {index + 1}. {label('checklist', item)}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`cases:checklistHints.${item}`)}
            </Typography.Text>
          </Flex>
          <Form.Item name={['checklist', item, 'answer']} style={{ width: 120 }}>
            <Select allowClear placeholder={t('cases:review.answer')} options={(['yes', 'no', 'unsure'] as const).map((a) => ({ value: a, label: label('answers', a) }))} />
          </Form.Item>
          <Form.Item name={['checklist', item, 'reason']} style={{ flex: 1, minWidth: 240 }} rules={[{ max: 5000 }]}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} placeholder={t('cases:review.reason')} />
          </Form.Item>
        </Flex>
      ))}
    </Card>
  );
}

/** A list edited as text, one item per line. */
function LinesItem({ name, label, hint }: { name: keyof ReviewValues; label: string; hint?: string }) {
  const { t } = useTranslation(['translation', 'cases']);
  return (
    <Form.Item name={name} label={label} tooltip={hint} extra={t('cases:review.onePerLine')}>
      <Input.TextArea {...TEXT} />
    </Form.Item>
  );
}

function OpinionsHeard() {
  const { t } = useTranslation(['translation', 'cases']);
  return (
    <Card size="small" title={t('cases:review.opinionsHeard')}>
      <Form.List name="opinionsHeard">
        {(fields, { add, remove }) => (
          <Flex vertical gap={8}>
            {fields.map((field) => (
              <Flex key={field.key} gap={8} align="baseline" wrap>
                <Form.Item name={[field.name, 'who']} style={{ width: 200, marginBottom: 0 }} rules={[{ required: true, whitespace: true, message: t('cases:review.whoRequired') }]}>
                  <Input placeholder={t('cases:review.who')} />
                </Form.Item>
                <Form.Item name={[field.name, 'date']} style={{ marginBottom: 0 }}>
                  <DatePicker placeholder={t('cases:review.heardOn')} />
                </Form.Item>
                <Form.Item name={[field.name, 'form']} style={{ width: 140, marginBottom: 0 }}>
                  <Input placeholder={t('cases:review.heardForm')} />
                </Form.Item>
                <Form.Item name={[field.name, 'summary']} style={{ flex: 1, minWidth: 240, marginBottom: 0 }}>
                  <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} placeholder={t('cases:review.heardSummary')} />
                </Form.Item>
                <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('cases:review.remove')} onClick={() => remove(field.name)} />
              </Flex>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ alignSelf: 'flex-start' }}>
              {t('cases:review.addOpinion')}
            </Button>
          </Flex>
        )}
      </Form.List>
      {/* Outside the list: names inside Form.List are read as the list's own fields. */}
      <Form.Item name="noOpinionsHeard" valuePropName="checked" style={{ marginTop: 8, marginBottom: 0 }}>
        <Checkbox>{t('cases:review.noOpinionsHeard')}</Checkbox>
      </Form.Item>
    </Card>
  );
}

function InvestigationNotes() {
  const { t } = useTranslation(['translation', 'cases']);
  return (
    <Card size="small" title={t('cases:review.investigationNotes')}>
      <Form.List name="investigationNotes">
        {(fields, { add, remove }) => (
          <Flex vertical gap={8}>
            {fields.map((field) => (
              <Flex key={field.key} gap={8} align="baseline">
                <Form.Item name={[field.name, 'date']} style={{ marginBottom: 0 }}>
                  <DatePicker />
                </Form.Item>
                <Form.Item name={[field.name, 'note']} style={{ flex: 1, marginBottom: 0 }}>
                  <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} placeholder={t('cases:review.note')} />
                </Form.Item>
                <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('cases:review.remove')} onClick={() => remove(field.name)} />
              </Flex>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ alignSelf: 'flex-start' }}>
              {t('cases:review.addNote')}
            </Button>
          </Flex>
        )}
      </Form.List>
    </Card>
  );
}

/** Reverse connection: the facts of the act, the penalty proposed and its provisions. */
function PenaltySection() {
  const { t } = useTranslation(['translation', 'cases']);
  const label = useCaseLabel();
  return (
    <Card size="small" title={t('cases:review.penalty')}>
      <Flex gap={16} wrap>
        <Form.Item name="actDate" label={t('cases:fields.actDate')}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="continuingActEndDate" label={t('cases:review.continuingActEndDate')}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="discoveryDate" label={t('cases:review.discoveryDate')}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="severeHarm" label={t('cases:review.severeHarm')}>
          <TristateSelect />
        </Form.Item>
      </Flex>
      <Form.Item name="criminalDepartmentView" label={t('cases:fields.criminalDepartmentView')}>
        <Input.TextArea {...TEXT} />
      </Form.Item>
      <Flex gap={16} wrap>
        <Form.Item name="sanctionType" label={t('cases:review.sanctionType')} style={{ width: 200 }}>
          <Select allowClear options={(['penalty', 'sanction', 'confiscation'] as const).map((s) => ({ value: s, label: label('sanctionTypes', s) }))} />
        </Form.Item>
        <Form.Item name="proposedSanction" label={t('cases:review.proposedSanction')} style={{ flex: 1, minWidth: 260 }}>
          <Input />
        </Form.Item>
      </Flex>
      <LinesItem name="sanctionProvisions" label={t('cases:review.sanctionProvisions')} />
    </Card>
  );
}

/** 审查终结报告: what the closing report is drafted from. */
function ClosingReportSection() {
  const { t } = useTranslation(['translation', 'cases']);
  return (
    <Card size="small" title={t('cases:review.closingReport')}>
      <Form.Item name="conclusion" label={t('cases:review.conclusion')} tooltip={t('cases:review.conclusionHint')}>
        <Radio.Group options={(['opinion', 'termination'] as const).map((c) => ({ value: c, label: t(`cases:review.conclusions.${c}`) }))} />
      </Form.Item>
      <Form.Item name="criminalFileExamination" label={t('cases:review.criminalFileExamination')}>
        <Input.TextArea {...TEXT} />
      </Form.Item>
      <Form.Item name="riskAssessment" label={t('cases:review.riskAssessment')}>
        <Input.TextArea {...TEXT} />
      </Form.Item>
      <Flex gap={16} wrap>
        <Form.Item name="followsCriminalDepartment" label={t('cases:review.followsCriminalDepartment')}>
          <TristateSelect />
        </Form.Item>
        <Form.Item name="departureReasons" label={t('cases:review.departureReasons')} style={{ flex: 1, minWidth: 260 }}>
          <Input.TextArea {...TEXT} />
        </Form.Item>
      </Flex>
    </Card>
  );
}

/** Illegal-act and litigation supervision: where the matter came from, what is wrong, why, what to correct. */
function InvestigationSection({ kind }: { kind: InternalCase['kind'] }) {
  const { t } = useTranslation(['translation', 'cases']);
  return (
    <Card size="small" title={t('cases:review.investigation')}>
      <Form.Item name="actDate" label={t('cases:fields.actDate')}>
        <DatePicker />
      </Form.Item>
      <Form.Item name="origin" label={t('cases:review.origin')}>
        <Input />
      </Form.Item>
      <LinesItem name="problems" label={t('cases:review.problems')} />
      <Form.Item name="causes" label={t('cases:review.causes')}>
        <Input.TextArea {...TEXT} />
      </Form.Item>
      <LinesItem name="corrections" label={t('cases:review.corrections')} />
      <LinesItem name="legalBasis" label={t('cases:review.legalBasis')} />
      {kind === 'illegal_act' && (
        <Form.Item name="objectionDays" label={t('cases:review.objectionDays')} tooltip={t('cases:review.objectionDaysHint')}>
          <InputNumber min={1} max={99} precision={0} style={{ width: 160 }} suffix={t('cases:review.days')} />
        </Form.Item>
      )}
    </Card>
  );
}

/** Someone saved the review first: their version of the main fields. */
function ReviewConflict({ current, onReload }: { current: InternalCase; onReload: () => void }) {
  const { t } = useTranslation(['translation', 'cases']);
  const review = current.review;
  return (
    <ConflictAlert
      onReload={onReload}
      current={[
        { key: 'facts', label: t('cases:review.facts'), children: <Prose text={current.facts} testId="conflict-facts" /> },
        ...(review.criminalDepartmentView ? [{ key: 'view', label: t('cases:fields.criminalDepartmentView'), children: review.criminalDepartmentView }] : []),
        ...(review.proposedSanction ? [{ key: 'sanction', label: t('cases:review.proposedSanction'), children: review.proposedSanction }] : []),
        ...(review.problems?.length ? [{ key: 'problems', label: t('cases:review.problems'), children: review.problems.join('；') }] : []),
      ]}
    />
  );
}

/**
 * 审查: the review form of the case, from which its documents are drafted. Saved with the
 * version it was loaded at; if someone saved in between, their change is shown, not overwritten.
 */
export function ReviewTab({ c, editable }: { c: InternalCase; editable: boolean }) {
  const { t } = useTranslation(['translation', 'cases']);
  const { message } = App.useApp();
  const [form] = Form.useForm<ReviewValues>();
  const [baseline, setBaseline] = useState(c);
  const [conflict, setConflict] = useState<InternalCase | null>(null);
  const save = useSaveReview();

  // A newer case (another step taken on this page) replaces an untouched form.
  useEffect(() => {
    if (c.version > baseline.version && !form.isFieldsTouched()) setBaseline(c);
  }, [c, baseline.version, form]);
  useEffect(() => form.resetFields(), [baseline, form]);

  const open = c.kind === 'reverse_connection' ? unansweredItems(baseline.review) : [];

  function submit(values: ReviewValues) {
    const review = { ...baseline.review, ...reviewFormOf(values, c.kind) };
    save.mutate(
      { id: c.id, version: baseline.version, facts: values.facts, review },
      {
        onSuccess: (updated) => {
          setBaseline(updated);
          void message.success(t('common.saved'));
        },
        onError: (error) => {
          const current = conflictCurrent<InternalCase>(error);
          if (current) setConflict(current);
          else reportCaseError(error, message, form);
        },
      },
    );
  }

  return (
    <Form<ReviewValues> form={form} layout="vertical" disabled={!editable} initialValues={reviewValuesOf(baseline.facts, baseline.review)} onFinish={submit} data-testid="review-form">
      <Flex vertical gap={16}>
        {conflict && (
          <ReviewConflict
            current={conflict}
            onReload={() => {
              setBaseline(conflict);
              setConflict(null);
            }}
          />
        )}
        {c.kind === 'reverse_connection' && open.length > 0 && <Alert type="info" showIcon title={t('cases:review.unanswered', { count: open.length })} />}
        <Card size="small" title={t('cases:review.facts')}>
          <Form.Item name="facts" rules={[{ max: 50000 }]} style={{ marginBottom: 0 }}>
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 16 }} data-testid="review-facts" />
          </Form.Item>
          <LinesItem name="evidence" label={t('cases:review.evidence')} />
          {/* The particulars of opinions and closing reports end with the address (住…). */}
          {c.kind === 'reverse_connection' && (
            <Form.Item name="subjectAddress" label={t('cases:review.subjectAddress')} rules={[{ max: 300 }]} style={{ marginBottom: 0 }}>
              <Input />
            </Form.Item>
          )}
        </Card>
        {c.kind === 'reverse_connection' ? (
          <>
            <ReviewChecksCard caseId={c.id} />
            <Checklist />
            <PenaltySection />
            <OpinionsHeard />
            <ClosingReportSection />
          </>
        ) : (
          <InvestigationSection kind={c.kind} />
        )}
        <Card size="small" title={t('cases:review.otherDocumentFacts')}>
          <LinesItem name="terminationReasons" label={t('cases:review.terminationReasons')} />
          <LinesItem name="copyTo" label={t('cases:review.copyTo')} />
        </Card>
        <InvestigationNotes />
        {editable && (
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="save-review">
              {t('cases:review.save')}
            </Button>
          </Flex>
        )}
      </Flex>
    </Form>
  );
}
