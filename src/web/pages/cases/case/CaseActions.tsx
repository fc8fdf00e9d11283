import { App, AutoComplete, Button, DatePicker, Flex, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { SUSPENSION_GROUNDS } from '../../../../domain/documents/templates';
import { type CaseStepInput, type InternalCase, type PauseReason, useAssignees, useCaseStep, useEscalateCase } from '../../../api/cases';
import { useCurrentSession } from '../../../api/session';
import i18n from '../../../i18n';
import { isoOf, orNull, reportCaseError, today, useCaseLabel } from '../shared';
import { caseAbilities, otherPauseReasons, reviewClock } from './abilities';
import { escalationAbilities, RecordEscalationButton } from './EscalationsTab';

/** The steps offered as buttons; `resume-clock` ends a pause other than suspension. */
type Step = 'assign' | 'suspend' | 'resume' | 'pause-clock' | 'resume-clock' | 'extension' | 'follow-up' | 'escalate' | 'close';

interface StepValues {
  on: Dayjs;
  procuratorId?: string;
  ground?: string;
  resumptionCondition?: string;
  note?: string;
  reason?: string;
  pauseReason?: PauseReason;
  days?: number;
  outcome?: string;
}

/** The request for a step from the form, with the case version and the date it counts on. */
function inputOf(c: InternalCase, step: Exclude<Step, 'escalate'>, values: StepValues, pausedFor: PauseReason | undefined): CaseStepInput {
  const base = { id: c.id, version: c.version, on: isoOf(values.on) };
  switch (step) {
    case 'assign':
      return { ...base, step: 'assign', procuratorId: values.procuratorId! };
    case 'suspend':
      return { ...base, step: 'suspend', ground: values.ground!.trim(), resumptionCondition: orNull(values.resumptionCondition) };
    case 'resume':
      return { ...base, step: 'resume', note: orNull(values.note) };
    case 'pause-clock':
      return { ...base, step: 'clock-pauses', reason: values.pauseReason!, note: orNull(values.note) };
    case 'resume-clock':
      return { ...base, step: 'clock-pauses', reason: pausedFor!, resume: true, note: orNull(values.note) };
    case 'extension':
      return { ...base, step: 'extension', days: values.days!, note: orNull(values.note) };
    case 'follow-up':
      return { ...base, step: 'follow-up', reason: values.reason!.trim() };
    case 'close':
      return { ...base, step: 'close', reason: values.reason!.trim(), outcome: orNull(values.outcome) };
  }
}

function StepFields({ c, step }: { c: InternalCase; step: Step }) {
  const { t } = useTranslation(['translation', 'cases']);
  const label = useCaseLabel();
  const assignees = useAssignees(step === 'assign');
  const grounds = c.kind === 'reverse_connection' ? SUSPENSION_GROUNDS.filter((g) => g !== 'other') : [];
  return (
    <>
      {step === 'assign' && (
        <Form.Item name="procuratorId" label={t('cases:fields.procurator')} rules={[{ required: true }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={assignees.isLoading}
            options={(assignees.data?.procurators ?? []).map((p) => ({ value: p.id, label: p.displayName }))}
            data-testid="assign-procurator"
          />
        </Form.Item>
      )}
      {step === 'suspend' && (
        <>
          <Form.Item name="ground" label={t('cases:fields.ground')} rules={[{ required: true, whitespace: true, max: 2000 }]} tooltip={grounds.length > 0 ? t('cases:case.groundHint') : undefined}>
            {/* The ground goes into the Chinese decision document, whatever the language of the screen. */}
            <AutoComplete options={grounds.map((g) => ({ value: String(i18n.getFixedT('zh-CN', 'cases')(`suspensionGrounds.${g}`)) }))} data-testid="suspend-ground">
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
            </AutoComplete>
          </Form.Item>
          <Form.Item name="resumptionCondition" label={t('cases:fields.resumptionCondition')} rules={[{ max: 2000 }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
          </Form.Item>
        </>
      )}
      {step === 'pause-clock' && (
        <Form.Item name="pauseReason" label={t('cases:fields.pauseReason')} rules={[{ required: true }]}>
          <Select options={otherPauseReasons(reviewClock(c)).map((r) => ({ value: r, label: label('pauseReasons', r) }))} />
        </Form.Item>
      )}
      {step === 'extension' && (
        <Form.Item name="days" label={t('cases:fields.extensionDays')} rules={[{ required: true }]}>
          <InputNumber min={1} max={60} precision={0} style={{ width: 160 }} suffix={t('cases:case.workingDays')} data-testid="extension-days" />
        </Form.Item>
      )}
      {step === 'escalate' && <Typography.Paragraph type="secondary">{t('cases:case.escalateHint')}</Typography.Paragraph>}
      {(step === 'follow-up' || step === 'close' || step === 'escalate') && (
        <Form.Item name="reason" label={t(step === 'close' ? 'cases:fields.closingReason' : step === 'escalate' ? 'cases:fields.escalateReason' : 'cases:fields.followUpReason')} rules={[{ required: true, whitespace: true, max: 5000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid="step-reason" />
        </Form.Item>
      )}
      {step === 'close' && (
        <Form.Item name="outcome" label={t('cases:fields.outcome')} rules={[{ max: 100 }]}>
          <Input />
        </Form.Item>
      )}
      {['resume', 'pause-clock', 'resume-clock', 'extension'].includes(step) && (
        <Form.Item name="note" label={t('cases:fields.note')} rules={[{ max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      )}
      <Form.Item name="on" label={t('cases:fields.on')} rules={[{ required: true }]}>
        <DatePicker allowClear={false} />
      </Form.Item>
    </>
  );
}

function StepModal({ c, step, onClose }: { c: InternalCase; step: Step; onClose: () => void }) {
  const { t } = useTranslation(['translation', 'cases']);
  const { message } = App.useApp();
  const [form] = Form.useForm<StepValues>();
  const navigate = useNavigate();
  const run = useCaseStep();
  const escalate = useEscalateCase();
  const clock = reviewClock(c);
  const pausedFor = clock?.status.status === 'paused' ? clock.status.reason : undefined;
  return (
    <Modal
      open
      title={t(`cases:case.steps.${step}`)}
      okText={t('cases:case.confirm')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={run.isPending || escalate.isPending}
      okButtonProps={{ 'data-testid': 'step-submit' }}
    >
      <Form<StepValues>
        form={form}
        layout="vertical"
        initialValues={{ on: today(), procuratorId: c.procurator?.id }}
        onFinish={(values) => {
          const onError = (error: unknown) => reportCaseError(error, message, form);
          if (step === 'escalate') {
            escalate.mutate(
              { id: c.id, version: c.version, reason: values.reason!.trim(), on: isoOf(values.on) },
              {
                onSuccess: (created) => {
                  void message.success(t('cases:case.escalated', { number: created.number }));
                  onClose();
                  void navigate(`/cases/${created.id}`);
                },
                onError,
              },
            );
            return;
          }
          run.mutate(inputOf(c, step, values, pausedFor), {
            onSuccess: () => {
              void message.success(t('cases:case.stepDone', { step: t(`cases:case.steps.${step}`) }));
              onClose();
            },
            onError,
          });
        }}
      >
        <StepFields c={c} step={step} />
      </Form>
    </Modal>
  );
}

/** The steps the case's state allows and the user may take, as buttons. */
export function CaseActions({ c }: { c: InternalCase }) {
  const { t } = useTranslation(['translation', 'cases']);
  const session = useCurrentSession();
  const may = caseAbilities(c, session);
  const [step, setStep] = useState<Step | null>(null);
  const clock = reviewClock(c);
  const clockStatus = clock?.status.status;
  const pausedOtherwise = clock?.status.status === 'paused' && clock.status.reason !== 'suspension';

  const buttons: { step: Step; shown: boolean; danger?: boolean; label: string }[] = [
    { step: 'assign', shown: may.assign, label: t(c.procurator ? 'cases:case.steps.reassign' : 'cases:case.steps.assign') },
    { step: 'suspend', shown: may.edit && c.actions.includes('suspend'), label: t('cases:case.steps.suspend') },
    { step: 'resume', shown: may.edit && c.actions.includes('resume'), label: t('cases:case.steps.resume') },
    {
      step: 'pause-clock',
      shown: may.edit && c.state !== 'suspended' && (clockStatus === 'running' || clockStatus === 'due_soon' || clockStatus === 'overdue') && otherPauseReasons(clock).length > 0,
      label: t('cases:case.steps.pause-clock'),
    },
    { step: 'resume-clock', shown: may.edit && pausedOtherwise, label: t('cases:case.steps.resume-clock') },
    { step: 'extension', shown: may.extend, label: t('cases:case.steps.extension') },
    { step: 'follow-up', shown: may.edit && c.actions.includes('follow_up'), label: t('cases:case.steps.follow-up') },
    { step: 'escalate', shown: may.edit && c.actions.includes('escalate'), label: t('cases:case.steps.escalate') },
    { step: 'close', shown: may.edit && c.actions.includes('close'), danger: true, label: t('cases:case.steps.close') },
  ];
  const shown = buttons.filter((b) => b.shown);
  if (shown.length === 0 && !escalationAbilities(c, session).record) return null;
  return (
    <Flex gap={8} wrap data-testid="case-actions">
      <RecordEscalationButton c={c} />
      {shown.map((b) => (
        <Button key={b.step} danger={b.danger} onClick={() => setStep(b.step)}>
          {b.label}
        </Button>
      ))}
      {step && <StepModal key={step} c={c} step={step} onClose={() => setStep(null)} />}
    </Flex>
  );
}
