import { Alert, App, Button, Card, DatePicker, Form, Input, Popconfirm, Select, Tabs, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { CASE_KINDS, OPEN_CLUE_STATUSES } from '../../../../domain/cases/lifecycle';
import { windowNeedsOverride } from '../../../../domain/litigation';
import { ApiError } from '../../../api/client';
import { type CaseKind, type Clue, type ClueDetail, type WindowStatus, useAssignees, useDeclineClue, useEvaluateClue, useFileCase } from '../../../api/cases';
import { useFormat } from '../../../format';
import { useCurrentSession } from '../../../api/session';
import { ConflictAlert } from '../../../components/ConflictAlert';
import { conflictCurrent } from '../../../forms';
import { ClueStatusTag, Prose, isoOf, reportCaseError, today, useCaseLabel } from '../shared';

function useChoices() {
  const assignees = useAssignees();
  return {
    loading: assignees.isLoading,
    procurators: (assignees.data?.procurators ?? []).map((p) => ({ value: p.id, label: p.departmentName ? `${p.displayName}（${p.departmentName}）` : p.displayName })),
    agencies: (assignees.data?.agencies ?? []).map((a) => ({ value: a.id, label: a.name })),
  };
}

/** Someone changed the clue meanwhile: what it says now. */
function ClueConflict({ current, onReload }: { current: Clue; onReload: () => void }) {
  const { t } = useTranslation(['translation', 'cases']);
  return (
    <ConflictAlert
      onReload={onReload}
      current={[
        { key: 'status', label: t('cases:fields.status'), children: <ClueStatusTag status={current.status} /> },
        { key: 'evaluation', label: t('cases:fields.evaluation'), children: <Prose text={current.evaluation} /> },
        { key: 'assignee', label: t('cases:fields.assignee'), children: current.assignee?.name ?? '—' },
        { key: 'agency', label: t('cases:fields.agency'), children: current.agency?.name ?? '—' },
      ]}
    />
  );
}

interface EvaluationValues {
  evaluation: string;
  assigneeId?: string | null;
  agencyId?: string | null;
}

function EvaluateForm({ clue, onConflict }: { clue: Clue; onConflict: (current: Clue) => void }) {
  const { t } = useTranslation(['translation', 'cases']);
  const { message } = App.useApp();
  const choices = useChoices();
  const [form] = Form.useForm<EvaluationValues>();
  const evaluate = useEvaluateClue();
  return (
    <Form<EvaluationValues>
      form={form}
      name="clue-evaluation"
      layout="vertical"
      initialValues={{ evaluation: clue.evaluation ?? '', assigneeId: clue.assignee?.id ?? null, agencyId: clue.agency?.id ?? null }}
      onFinish={(values) =>
        evaluate.mutate(
          { id: clue.id, version: clue.version, evaluation: values.evaluation.trim(), assigneeId: values.assigneeId ?? null, agencyId: values.agencyId ?? null },
          {
            onSuccess: () => void message.success(t('cases:clue.evaluated')),
            onError: (error) => {
              const current = conflictCurrent<Clue>(error);
              if (current) onConflict(current);
              else reportCaseError(error, message, form);
            },
          },
        )
      }
    >
      <Form.Item name="evaluation" label={t('cases:fields.evaluation')} rules={[{ required: true, whitespace: true, max: 20000 }]}>
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} placeholder={t('cases:clue.evaluationPlaceholder')} data-testid="clue-evaluation-input" />
      </Form.Item>
      <Form.Item name="assigneeId" label={t('cases:fields.assignee')}>
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} loading={choices.loading} options={choices.procurators} />
      </Form.Item>
      <Form.Item name="agencyId" label={t('cases:fields.agency')}>
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} loading={choices.loading} options={choices.agencies} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={evaluate.isPending}>
        {t('cases:clue.saveEvaluation')}
      </Button>
    </Form>
  );
}

interface FileValues {
  kind: CaseKind;
  agencyId: string;
  procuratorId?: string | null;
  registeredOn: Dayjs;
  title: string;
  windowOverrideReason?: string;
}

/** An application for supervision is only a litigation case; only litigation clues may become one. */
function fileableKinds(clue: Clue): readonly CaseKind[] {
  if (clue.source === 'litigation_application') return ['litigation'];
  return clue.litigation ? CASE_KINDS : CASE_KINDS.filter((kind) => kind !== 'litigation');
}

/** 立案 (or, for a non-prosecution decision, 登记受理): the case starts with its clock. */
function FileCaseForm({ clue, onConflict }: { clue: Clue; onConflict: (current: Clue) => void }) {
  const { t } = useTranslation(['translation', 'cases']);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const label = useCaseLabel();
  const { user } = useCurrentSession();
  const choices = useChoices();
  const [form] = Form.useForm<FileValues>();
  const file = useFileCase();
  const format = useFormat();
  const isHead = user.roles.includes('department_head');
  const kind = Form.useWatch('kind', form);
  // The server's 422 `application_window` also asks for the reason, should its check differ from the page's.
  const [windowRefused, setWindowRefused] = useState<WindowStatus | null>(null);
  const windowStatus = windowRefused ?? clue.litigation?.window;
  const needsReason = kind === 'litigation' && !!windowStatus && windowNeedsOverride(windowStatus);
  return (
    <Form<FileValues>
      form={form}
      // Named: beside the evaluation tab's form, its fields (agency, procurator) need ids of their own.
      name="clue-file"
      layout="vertical"
      initialValues={{
        kind: clue.litigation ? 'litigation' : clue.source === 'non_prosecution' ? 'reverse_connection' : 'illegal_act',
        agencyId: clue.agency?.id,
        procuratorId: clue.assignee?.id ?? (isHead ? undefined : user.id),
        registeredOn: today(),
        title: clue.title,
      }}
      onFinish={(values) =>
        file.mutate(
          {
            id: clue.id,
            version: clue.version,
            kind: values.kind,
            agencyId: values.agencyId,
            procuratorId: values.procuratorId ?? null,
            registeredOn: isoOf(values.registeredOn),
            title: values.title.trim(),
            ...(needsReason && { windowOverrideReason: values.windowOverrideReason?.trim() }),
          },
          {
            onSuccess: (created) => {
              void message.success(t('cases:clue.filed', { number: created.number }));
              void navigate(`/cases/${created.id}`);
            },
            onError: (error) => {
              const current = conflictCurrent<Clue>(error);
              if (current) onConflict(current);
              else if (error instanceof ApiError && error.code === 'application_window') {
                setWindowRefused({ status: error.body.status, due: error.body.due ?? null } as WindowStatus);
                form.setFields([{ name: 'windowOverrideReason', errors: [t('cases:litigation.overrideRequired')] }]);
              } else reportCaseError(error, message, form);
            },
          },
        )
      }
    >
      <Form.Item name="kind" label={t('cases:fields.kind')} rules={[{ required: true }]} extra={clue.source === 'litigation_application' ? t('cases:litigation.onlyLitigation') : undefined}>
        <Select options={fileableKinds(clue).map((k) => ({ value: k, label: label('kinds', k) }))} data-testid="file-kind" />
      </Form.Item>
      {needsReason && windowStatus && (
        <>
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('cases:litigation.overrideIntro', { problem: t(`cases:litigation.window.${windowStatus.status}`, { due: format.date(windowStatus.due) }) })}
            data-testid="window-override-alert"
          />
          <Form.Item name="windowOverrideReason" label={t('cases:litigation.overrideReason')} rules={[{ required: true, whitespace: true, message: t('cases:litigation.overrideRequired') }, { max: 2000 }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="window-override-reason" />
          </Form.Item>
        </>
      )}
      <Form.Item name="title" label={t('cases:fields.caseTitle')} rules={[{ required: true, whitespace: true, max: 300 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="agencyId" label={t('cases:fields.competentAgency')} rules={[{ required: true, message: t('cases:clue.agencyRequired') }]}>
        <Select showSearch={{ optionFilterProp: 'label' }} loading={choices.loading} options={choices.agencies} data-testid="file-agency" />
      </Form.Item>
      <Form.Item name="procuratorId" label={t('cases:fields.procurator')} tooltip={t('cases:clue.procuratorHint')}>
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} loading={choices.loading} options={choices.procurators} data-testid="file-procurator" />
      </Form.Item>
      <Form.Item name="registeredOn" label={t('cases:fields.registeredOn')} rules={[{ required: true }]}>
        <DatePicker allowClear={false} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={file.isPending}>
        {t('cases:clue.confirmFile')}
      </Button>
    </Form>
  );
}

function DeclineForm({ clue, onConflict }: { clue: Clue; onConflict: (current: Clue) => void }) {
  const { t } = useTranslation(['translation', 'cases']);
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const decline = useDeclineClue();
  return (
    <>
      <Typography.Paragraph type="secondary">{t('cases:clue.declineIntro')}</Typography.Paragraph>
      <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} autoSize={{ minRows: 3, maxRows: 8 }} maxLength={5000} placeholder={t('cases:fields.declineReason')} style={{ marginBottom: 12 }} data-testid="decline-reason" />
      <Popconfirm
        title={t('cases:clue.declineConfirm')}
        disabled={!reason.trim()}
        onConfirm={() =>
          decline.mutate(
            { id: clue.id, version: clue.version, reason: reason.trim() },
            {
              onSuccess: () => void message.success(t('cases:clue.declined')),
              onError: (error) => {
                const current = conflictCurrent<Clue>(error);
                if (current) onConflict(current);
                else reportCaseError(error, message);
              },
            },
          )
        }
      >
        <Button danger disabled={!reason.trim()} loading={decline.isPending}>
          {t('cases:clue.confirmDecline')}
        </Button>
      </Popconfirm>
    </>
  );
}

/** What to do with an open clue: evaluate it, file it as a case, or decline it with the reason. */
export function ClueDecisions({ clue, onReload }: { clue: ClueDetail; onReload: () => void }) {
  const { t } = useTranslation(['translation', 'cases']);
  const { permissions } = useCurrentSession();
  const [conflict, setConflict] = useState<Clue | null>(null);
  if (!OPEN_CLUE_STATUSES.includes(clue.status)) return null;
  const tabs = [
    ...(permissions.includes('clue:evaluate') ? [{ key: 'evaluate', label: t('cases:clue.evaluate'), children: <EvaluateForm key={clue.version} clue={clue} onConflict={setConflict} /> }] : []),
    ...(permissions.includes('clue:file') ? [{ key: 'file', label: t('cases:clue.file'), children: <FileCaseForm key={clue.version} clue={clue} onConflict={setConflict} /> }] : []),
    ...(permissions.includes('clue:decline') ? [{ key: 'decline', label: t('cases:clue.decline'), children: <DeclineForm clue={clue} onConflict={setConflict} /> }] : []),
  ];
  if (tabs.length === 0) return null;
  return (
    <Card title={t('cases:clue.decide')} data-testid="clue-decisions">
      {conflict && (
        <ClueConflict
          current={conflict}
          onReload={() => {
            setConflict(null);
            onReload();
          }}
        />
      )}
      <Tabs items={tabs} />
    </Card>
  );
}
