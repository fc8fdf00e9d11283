import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Drawer, Flex, Form, Input, Radio, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { APPLICANT_ROLES, COURT_DECISION_KINDS, EX_OFFICIO_GROUNDS, SUPERVISION_TYPES } from '../../../../domain/litigation';
import {
  type ApplicantRole,
  type CourtDecision,
  type ExOfficioGround,
  type LitigationClueInput,
  type SupervisionType,
  type WindowCheckInput,
  useAssignees,
  useCourts,
  useRegisterLitigationClue,
  useWindowCheck,
} from '../../../api/cases';
import { isoOf, orNull, reportCaseError, today, useCaseLabel } from '../shared';
import { WindowStatusLine } from './WindowStatusLine';

type Mode = 'application' | 'exOfficio';

interface DecisionValues {
  kind?: CourtDecision['kind'];
  court?: string;
  caseNo?: string;
  decidedOn?: Dayjs | null;
  servedOn?: Dayjs | null;
}

interface FormValues {
  mode: Mode;
  supervisionType: SupervisionType;
  applicantName?: string;
  applicantIdNumber?: string;
  applicantRole?: ApplicantRole;
  applicantContact?: string;
  exOfficioGround?: ExOfficioGround;
  courtId?: string;
  agencyId?: string;
  courtDecisions?: DecisionValues[];
  grounds: string;
  receivedOn: Dayjs;
  title?: string;
}

function decisionsOf(values: DecisionValues[] | undefined): CourtDecision[] {
  return (values ?? [])
    .filter((d) => d?.kind && d.decidedOn)
    .map((d) => ({ kind: d.kind!, court: d.court?.trim() ?? '', caseNo: d.caseNo?.trim() ?? '', decidedOn: isoOf(d.decidedOn)!, servedOn: isoOf(d.servedOn) ?? null }));
}

function inputOf(values: FormValues): LitigationClueInput {
  const application = values.mode === 'application';
  return {
    supervisionType: values.supervisionType,
    applicant: application
      ? { name: values.applicantName!.trim(), idNumber: orNull(values.applicantIdNumber), role: values.applicantRole ?? 'plaintiff', contact: orNull(values.applicantContact) }
      : null,
    exOfficioGround: application ? null : (values.exOfficioGround ?? null),
    courtId: values.courtId ?? null,
    agencyId: values.agencyId ?? null,
    courtDecisions: decisionsOf(values.courtDecisions),
    grounds: values.grounds.trim(),
    title: orNull(values.title) ?? undefined,
    receivedOn: isoOf(values.receivedOn),
  };
}

/**
 * The window check asks only for what it counts with (kinds and dates): typing a case number
 * does not ask the server again.
 */
function useLiveWindow(form: ReturnType<typeof Form.useForm<FormValues>>[0]) {
  const mode = Form.useWatch('mode', form);
  const supervisionType = Form.useWatch('supervisionType', form);
  const receivedOn = Form.useWatch('receivedOn', form);
  const decisions = Form.useWatch('courtDecisions', form);
  const counted = decisionsOf(decisions).map((d) => ({ ...d, court: '-', caseNo: '-' }));
  const input: WindowCheckInput | null =
    mode === 'application' && supervisionType && receivedOn
      ? { supervisionType, applicant: { name: '-', role: 'plaintiff' }, courtDecisions: counted, appliedOn: isoOf(receivedOn) }
      : null;
  return useWindowCheck(input);
}

function DecisionsList() {
  const { t } = useTranslation(['translation', 'cases']);
  const label = useCaseLabel();
  return (
    <Form.List name="courtDecisions">
      {(fields, { add, remove }) => (
        <Flex vertical gap={8}>
          {fields.map((field, index) => (
            <Card key={field.key} size="small" data-testid={`court-decision-${index}`}>
              <Flex gap={8} wrap align="baseline">
                <Form.Item name={[field.name, 'kind']} rules={[{ required: true, message: t('cases:litigation.decisionKind') }]} style={{ width: 200, marginBottom: 8 }}>
                  <Select placeholder={t('cases:litigation.decisionKind')} options={COURT_DECISION_KINDS.map((k) => ({ value: k, label: label('courtDecisionKinds', k) }))} data-testid="decision-kind" />
                </Form.Item>
                <Form.Item name={[field.name, 'court']} rules={[{ required: true, whitespace: true, message: t('cases:litigation.decisionCourt') }, { max: 200 }]} style={{ flex: 1, minWidth: 200, marginBottom: 8 }}>
                  <Input placeholder={t('cases:litigation.decisionCourt')} />
                </Form.Item>
                <Form.Item name={[field.name, 'caseNo']} rules={[{ required: true, whitespace: true, message: t('cases:litigation.caseNo') }, { max: 100 }]} style={{ flex: 1, minWidth: 200, marginBottom: 8 }}>
                  <Input placeholder={t('cases:litigation.caseNoPlaceholder')} />
                </Form.Item>
                <Form.Item name={[field.name, 'decidedOn']} rules={[{ required: true, message: t('cases:litigation.decidedOn') }]} style={{ marginBottom: 8 }}>
                  <DatePicker placeholder={t('cases:litigation.decidedOn')} />
                </Form.Item>
                <Form.Item name={[field.name, 'servedOn']} style={{ marginBottom: 8 }}>
                  <DatePicker placeholder={t('cases:litigation.servedOn')} />
                </Form.Item>
                <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('cases:review.remove')} onClick={() => remove(field.name)} />
              </Flex>
            </Card>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ alignSelf: 'flex-start' }} data-testid="add-court-decision">
            {t('cases:litigation.addDecision')}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}

/**
 * 登记行政诉讼监督申请: a party's application for supervision (申请监督) with the court decisions
 * concerned — its 6-month window checked as the dates are entered — or a matter the
 * procuratorate takes up on its own (依职权监督) with its ground.
 */
export function RegisterLitigationDrawer({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation(['translation', 'cases']);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const label = useCaseLabel();
  const [form] = Form.useForm<FormValues>();
  const mode = Form.useWatch('mode', form) ?? 'application';
  const courts = useCourts();
  const assignees = useAssignees();
  const windowCheck = useLiveWindow(form);
  const register = useRegisterLitigationClue();

  function submit(values: FormValues) {
    register.mutate(inputOf(values), {
      onSuccess: ({ clue, duplicates }) => {
        void message.success(t('cases:litigation.registered', { number: clue.number }));
        if (duplicates.length > 0) void message.warning(t('cases:clues.duplicatesFound', { count: duplicates.length }));
        onClose();
        void navigate(`/clues/${clue.id}`);
      },
      onError: (error) => reportCaseError(error, message, form),
    });
  }

  return (
    <Drawer
      open
      size={760}
      title={t('cases:litigation.registerTitle')}
      onClose={onClose}
      extra={
        <Button type="primary" loading={register.isPending} onClick={() => form.submit()} data-testid="litigation-submit">
          {t('cases:litigation.submit')}
        </Button>
      }
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ mode: 'application', supervisionType: 'effective_judgment', applicantRole: 'plaintiff', receivedOn: today(), courtDecisions: [{}] }}
        data-testid="litigation-form"
      >
        <Flex gap={16} wrap>
          <Form.Item name="mode" label={t('cases:litigation.mode')}>
            <Radio.Group optionType="button" options={(['application', 'exOfficio'] as const).map((m) => ({ value: m, label: t(`cases:litigation.modes.${m}`) }))} data-testid="litigation-mode" />
          </Form.Item>
          <Form.Item name="supervisionType" label={t('cases:litigation.supervisionType')} rules={[{ required: true }]} style={{ flex: 1, minWidth: 240 }}>
            <Select options={SUPERVISION_TYPES.map((s) => ({ value: s, label: label('supervisionTypes', s) }))} data-testid="supervision-type" />
          </Form.Item>
        </Flex>
        {mode === 'application' ? (
          <>
            <Flex gap={16} wrap>
              <Form.Item name="applicantName" label={t('cases:litigation.applicantName')} rules={[{ required: true, whitespace: true, max: 100 }]} style={{ flex: 1, minWidth: 160 }}>
                <Input />
              </Form.Item>
              <Form.Item name="applicantIdNumber" label={t('cases:litigation.applicantIdNumber')} rules={[{ max: 40 }]} style={{ flex: 1, minWidth: 220 }}>
                <Input />
              </Form.Item>
            </Flex>
            <Flex gap={16} wrap>
              <Form.Item name="applicantRole" label={t('cases:litigation.applicantRole')} rules={[{ required: true }]} style={{ width: 200 }}>
                <Select options={APPLICANT_ROLES.map((r) => ({ value: r, label: label('applicantRoles', r) }))} />
              </Form.Item>
              <Form.Item name="applicantContact" label={t('cases:litigation.applicantContact')} rules={[{ max: 100 }]} style={{ flex: 1, minWidth: 200 }}>
                <Input />
              </Form.Item>
            </Flex>
          </>
        ) : (
          <Form.Item name="exOfficioGround" label={t('cases:litigation.exOfficioGround')} rules={[{ required: true }]}>
            <Select options={EX_OFFICIO_GROUNDS.map((g) => ({ value: g, label: label('exOfficioGrounds', g) }))} data-testid="ex-officio-ground" />
          </Form.Item>
        )}
        <Flex gap={16} wrap>
          <Form.Item name="courtId" label={t('cases:litigation.court')} tooltip={t('cases:litigation.courtHint')} style={{ flex: 1, minWidth: 240 }}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              loading={courts.isLoading}
              options={(courts.data?.items ?? []).filter((c) => c.kind === 'court').map((c) => ({ value: c.id, label: c.name }))}
              data-testid="litigation-court"
            />
          </Form.Item>
          <Form.Item name="agencyId" label={t('cases:litigation.defendantAgency')} style={{ flex: 1, minWidth: 240 }}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} loading={assignees.isLoading} options={(assignees.data?.agencies ?? []).map((a) => ({ value: a.id, label: a.name }))} data-testid="litigation-agency" />
          </Form.Item>
        </Flex>
        <Form.Item label={t('cases:litigation.courtDecisions')} required={false}>
          <DecisionsList />
        </Form.Item>
        <Form.Item name="receivedOn" label={t('cases:litigation.receivedOn')} rules={[{ required: true }]} extra={mode === 'application' ? t('cases:litigation.window.hint') : undefined}>
          <DatePicker allowClear={false} />
        </Form.Item>
        {mode === 'application' && (
          <div style={{ marginBottom: 16 }}>
            {windowCheck.data ? <WindowStatusLine window={windowCheck.data} /> : <Typography.Text type="secondary">{t('cases:litigation.window.checking')}</Typography.Text>}
          </div>
        )}
        <Form.Item name="grounds" label={t('cases:litigation.grounds')} rules={[{ required: true, whitespace: true, max: 20000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
        </Form.Item>
        <Form.Item name="title" label={t('cases:litigation.title')} extra={t('cases:litigation.titleHint')} rules={[{ max: 300 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
