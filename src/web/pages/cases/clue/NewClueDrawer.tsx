import { App, Button, DatePicker, Drawer, Flex, Form, Input, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { NON_PROSECUTION_KINDS } from '../../../../domain/cases/lifecycle';
import { type ClueInput, type ClueSource, type NonProsecutionKind, useAssignees, useRegisterClue } from '../../../api/cases';
import { useCurrentSession } from '../../../api/session';
import { isoOf, orNull, reportCaseError, today, useCaseLabel } from '../shared';

interface FormValues {
  source: ClueSource;
  title: string;
  summary?: string;
  subjectName?: string;
  subjectIdNumber?: string;
  matter?: string;
  agencyId?: string;
  receivedOn?: Dayjs;
  decisionNo?: string;
  decidedOn?: Dayjs;
  kind?: NonProsecutionKind;
  charge?: string;
  facts?: string;
  actDate?: Dayjs | null;
  transferredOn?: Dayjs | null;
  criminalDepartmentView?: string;
}

/** Who registers decides the form: an agency transfers, the criminal department hands over decisions. */
type Entry = 'agency' | 'criminal' | 'procurator';

function inputOf(values: FormValues, entry: Entry, source: ClueSource): ClueInput {
  const nonProsecution =
    source === 'non_prosecution'
      ? {
          decisionNo: values.decisionNo!.trim(),
          decidedOn: isoOf(values.decidedOn)!,
          kind: values.kind!,
          charge: values.charge!.trim(),
          facts: values.facts?.trim() ?? '',
          actDate: isoOf(values.actDate) ?? null,
          transferredOn: isoOf(values.transferredOn) ?? null,
          criminalDepartmentView: orNull(values.criminalDepartmentView),
        }
      : null;
  return {
    ...(entry === 'procurator' && { source, matter: orNull(values.matter), agencyId: values.agencyId ?? null }),
    title: values.title.trim(),
    summary: values.summary?.trim() ?? '',
    subjectName: orNull(values.subjectName),
    subjectIdNumber: orNull(values.subjectIdNumber),
    receivedOn: isoOf(values.receivedOn),
    nonProsecution,
  };
}

/** The decision handed over by the criminal department (不起诉决定). */
function NonProsecutionFields() {
  const { t } = useTranslation(['translation', 'cases']);
  const label = useCaseLabel();
  return (
    <>
      <Typography.Title level={5}>{t('cases:clue.nonProsecution')}</Typography.Title>
      <Form.Item name="decisionNo" label={t('cases:fields.decisionNo')} rules={[{ required: true, whitespace: true, max: 100 }]}>
        <Input placeholder={t('cases:clues.decisionNoPlaceholder')} />
      </Form.Item>
      <Flex gap={16} wrap>
        <Form.Item name="decidedOn" label={t('cases:fields.decidedOn')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="kind" label={t('cases:fields.nonProsecutionKind')} rules={[{ required: true }]} style={{ minWidth: 180 }}>
          <Select options={NON_PROSECUTION_KINDS.map((kind) => ({ value: kind, label: label('nonProsecutionKinds', kind) }))} />
        </Form.Item>
        <Form.Item name="charge" label={t('cases:fields.charge')} rules={[{ required: true, whitespace: true, max: 100 }]} style={{ flex: 1, minWidth: 180 }}>
          <Input placeholder={t('cases:clues.chargePlaceholder')} />
        </Form.Item>
      </Flex>
      <Form.Item name="facts" label={t('cases:fields.npFacts')} rules={[{ max: 20000 }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
      </Form.Item>
      <Flex gap={16} wrap>
        <Form.Item name="actDate" label={t('cases:fields.actDate')}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="transferredOn" label={t('cases:fields.transferredOn')} tooltip={t('cases:clues.transferredOnHint')}>
          <DatePicker />
        </Form.Item>
      </Flex>
      <Form.Item name="criminalDepartmentView" label={t('cases:fields.criminalDepartmentView')} rules={[{ max: 5000 }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
    </>
  );
}

/**
 * 新增线索: a procurator enters a lead by hand or a complaint (or a decision on paper), the
 * criminal department hands over a non-prosecution decision, an agency transfers a clue.
 */
export function NewClueDrawer({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation(['translation', 'cases']);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const label = useCaseLabel();
  const { user } = useCurrentSession();
  const entry: Entry = user.organization.kind === 'agency' ? 'agency' : user.roles.some((r) => r === 'procurator' || r === 'department_head') ? 'procurator' : 'criminal';
  const [form] = Form.useForm<FormValues>();
  const chosen = Form.useWatch('source', form);
  const source: ClueSource = entry === 'procurator' ? (chosen ?? 'manual') : entry === 'criminal' ? 'non_prosecution' : 'agency_transfer';
  const assignees = useAssignees(entry === 'procurator');
  const register = useRegisterClue();

  function submit(values: FormValues) {
    register.mutate(inputOf(values, entry, source), {
      onSuccess: ({ clue, duplicates }) => {
        void message.success(t('cases:clues.registered', { number: clue.number }));
        if (duplicates.length > 0) void message.warning(t('cases:clues.duplicatesFound', { count: duplicates.length }));
        onClose();
        void navigate(`/clues/${clue.id}`);
      },
      onError: (error) => reportCaseError(error, message, form),
    });
  }

  const sources: ClueSource[] = ['manual', 'complaint', 'non_prosecution'];
  return (
    <Drawer
      open
      width={640}
      title={t(entry === 'agency' ? 'cases:clues.transferTitle' : entry === 'criminal' ? 'cases:clues.handOverTitle' : 'cases:clues.new')}
      onClose={onClose}
      extra={
        <Button type="primary" loading={register.isPending} onClick={() => form.submit()} data-testid="clue-form-submit">
          {t(entry === 'agency' ? 'cases:clues.transfer' : 'cases:clues.register')}
        </Button>
      }
    >
      {entry === 'agency' && <Typography.Paragraph type="secondary">{t('cases:clues.transferIntro')}</Typography.Paragraph>}
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ source: 'manual', receivedOn: today(), transferredOn: today() }}
        data-testid="clue-form"
      >
        {entry === 'procurator' && (
          <Form.Item name="source" label={t('cases:fields.source')} rules={[{ required: true }]}>
            <Select options={sources.map((s) => ({ value: s, label: label('sources', s) }))} data-testid="clue-source" />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('cases:fields.title')} rules={[{ required: true, whitespace: true, max: 300 }]}>
          <Input data-testid="clue-title" />
        </Form.Item>
        {source !== 'non_prosecution' && (
          <Form.Item name="summary" label={t('cases:fields.summary')} rules={[{ max: 20000 }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} data-testid="clue-summary" />
          </Form.Item>
        )}
        <Flex gap={16} wrap>
          <Form.Item name="subjectName" label={t('cases:fields.subjectName')} rules={[{ max: 100 }]} style={{ flex: 1, minWidth: 160 }}>
            <Input />
          </Form.Item>
          <Form.Item name="subjectIdNumber" label={t('cases:fields.subjectIdNumber')} rules={[{ max: 40 }]} style={{ flex: 1, minWidth: 220 }}>
            <Input />
          </Form.Item>
        </Flex>
        {entry === 'procurator' && (
          <Flex gap={16} wrap>
            <Form.Item name="matter" label={t('cases:fields.matter')} tooltip={t('cases:clues.matterHint')} rules={[{ max: 200 }]} style={{ flex: 1, minWidth: 160 }}>
              <Input />
            </Form.Item>
            <Form.Item name="agencyId" label={t('cases:fields.agency')} style={{ flex: 1, minWidth: 220 }}>
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} loading={assignees.isLoading} options={(assignees.data?.agencies ?? []).map((a) => ({ value: a.id, label: a.name }))} />
            </Form.Item>
          </Flex>
        )}
        <Form.Item name="receivedOn" label={t('cases:fields.receivedOn')}>
          <DatePicker allowClear={false} />
        </Form.Item>
        {source === 'non_prosecution' && <NonProsecutionFields />}
      </Form>
    </Drawer>
  );
}
