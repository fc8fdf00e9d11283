import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Flex, Form, Input, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AGENCY_SECTORS, type AgencySector } from '../../../domain/knowledgeBase/sectors';
import { CONFIDENCE_LEVELS, RULE_TRIGGERS, SANCTION_KINDS, type ChargeRule, type Provision } from '../../../domain/knowledgeBase/types';
import { RULE_CODE } from '../../../domain/knowledgeBase/validate';
import { ApiError } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { type ChargeRuleView, useCreateChargeRule, useUpdateChargeRule } from '../../api/knowledge';
import { ConflictAlert } from '../../components/ConflictAlert';
import { useSanctionLabel, useSectorLabel } from './shared';

/** Dates are typed as text in the form; empty means "not recorded". */
type ProvisionForm = Omit<Provision, 'effectiveFrom' | 'effectiveTo'> & { effectiveFrom?: string | null; effectiveTo?: string | null };
interface RuleForm extends Omit<ChargeRule, 'effectiveFrom' | 'effectiveTo' | 'provisions'> {
  effectiveFrom?: string | null;
  effectiveTo?: string | null;
  provisions: ProvisionForm[];
  changeNote?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const orNull = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null);
const orUndefined = (s: string | null | undefined) => (s && s.trim() ? s.trim() : undefined);

function toRule(values: RuleForm): ChargeRule {
  return {
    code: values.code.trim(),
    charge: values.charge.trim(),
    aliases: values.aliases ?? [],
    sectors: values.sectors ?? [],
    appliesAfter: values.appliesAfter ?? [],
    confidence: values.confidence,
    note: orUndefined(values.note),
    source: orUndefined(values.source),
    effectiveFrom: orNull(values.effectiveFrom),
    effectiveTo: orNull(values.effectiveTo),
    provisions: (values.provisions ?? []).map((p) => ({
      id: p.id.trim(),
      series: orUndefined(p.series),
      law: p.law.trim(),
      lawVersion: p.lawVersion?.trim() ?? '',
      article: p.article?.trim() ?? '',
      summary: p.summary.trim(),
      sanctionKinds: p.sanctionKinds ?? [],
      sectors: p.sectors?.length ? p.sectors : undefined,
      effectiveFrom: orNull(p.effectiveFrom),
      effectiveTo: orNull(p.effectiveTo),
      confidence: p.confidence,
      note: orUndefined(p.note),
    })),
  };
}

const EMPTY_PROVISION: ProvisionForm = { id: '', law: '', lawVersion: '', article: '', summary: '', sanctionKinds: ['fine'], confidence: 'unconfirmed', effectiveFrom: null, effectiveTo: null };
const EMPTY_RULE: RuleForm = { code: '', charge: '', aliases: [], sectors: [], appliesAfter: ['non_prosecution'], confidence: 'unconfirmed', provisions: [EMPTY_PROVISION] };

function DateInput({ name, label }: { name: (string | number)[] | string; label: string }) {
  const { t } = useTranslation('knowledge');
  return (
    <Form.Item name={name} label={label} rules={[{ pattern: DATE, message: t('form.dateInvalid') }]} style={{ minWidth: 170 }}>
      <Input placeholder={t('form.datePlaceholder')} allowClear />
    </Form.Item>
  );
}

function ProvisionFields({ index, onRemove, disabled, sectors }: { index: number; onRemove: () => void; disabled: boolean; sectors: AgencySector[] }) {
  const { t } = useTranslation('knowledge');
  const sectorLabel = useSectorLabel();
  const sanctionLabel = useSanctionLabel();
  const required = [{ required: true, message: t('form.required') }];
  return (
    <Card
      size="small"
      title={t('form.provisionNumber', { number: index + 1 })}
      extra={!disabled && <Button type="text" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('form.removeProvision')} />}
      data-testid={`provision-${index}`}
    >
      <Flex gap={12} wrap>
        <Form.Item name={[index, 'law']} label={t('form.law')} rules={required} style={{ minWidth: 280, flex: 2 }}>
          <Input disabled={disabled} />
        </Form.Item>
        <Form.Item name={[index, 'lawVersion']} label={t('form.lawVersion')} style={{ width: 140 }}>
          <Input disabled={disabled} />
        </Form.Item>
        <Form.Item name={[index, 'article']} label={t('form.article')} style={{ minWidth: 220, flex: 1 }}>
          <Input placeholder={t('form.articlePlaceholder')} disabled={disabled} />
        </Form.Item>
      </Flex>
      <Form.Item name={[index, 'summary']} label={t('form.summary')} rules={required}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} disabled={disabled} />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item name={[index, 'sanctionKinds']} label={t('form.sanctionKinds')} rules={required} style={{ minWidth: 280, flex: 1 }}>
          <Select mode="multiple" disabled={disabled} options={SANCTION_KINDS.map((k) => ({ value: k, label: sanctionLabel(k) }))} />
        </Form.Item>
        <Form.Item name={[index, 'sectors']} label={t('form.provisionSectors')} extra={t('form.provisionSectorsHelp')} style={{ minWidth: 220, flex: 1 }}>
          <Select mode="multiple" allowClear disabled={disabled} options={sectors.map((s) => ({ value: s, label: sectorLabel(s) }))} />
        </Form.Item>
        <Form.Item name={[index, 'confidence']} label={t('form.confidence')} rules={required} style={{ width: 140 }}>
          <Select disabled={disabled} options={CONFIDENCE_LEVELS.map((c) => ({ value: c, label: t(`confidence.${c}`) }))} />
        </Form.Item>
      </Flex>
      <Flex gap={12} wrap>
        <DateInput name={[index, 'effectiveFrom']} label={t('form.effectiveFrom')} />
        <DateInput name={[index, 'effectiveTo']} label={t('form.effectiveTo')} />
        <Form.Item name={[index, 'id']} label={t('form.provisionId')} rules={required} style={{ width: 180 }}>
          <Input disabled={disabled} />
        </Form.Item>
        <Form.Item name={[index, 'series']} label={t('form.series')} tooltip={t('form.seriesHelp')} style={{ width: 160 }}>
          <Input disabled={disabled} />
        </Form.Item>
      </Flex>
      <Form.Item name={[index, 'note']} label={t('form.note')} style={{ marginBottom: 0 }}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} disabled={disabled} />
      </Form.Item>
    </Card>
  );
}

/**
 * Edits a rule (saved as its next version) or, without `editing`, adds one. Read-only for those
 * who may not edit.
 */
export function RuleEditor({ editing, mayEdit, onSaved }: { editing: ChargeRuleView | null; mayEdit: boolean; onSaved: () => void }) {
  const { t } = useTranslation('knowledge');
  const { message } = App.useApp();
  const [form] = Form.useForm<RuleForm>();
  const update = useUpdateChargeRule();
  const create = useCreateChargeRule();
  const sectorLabel = useSectorLabel();
  const [version, setVersion] = useState(editing?.version ?? null);
  const [conflict, setConflict] = useState<ChargeRuleView | null>(null);
  const [problems, setProblems] = useState<{ path: string; message: string }[]>([]);
  const sectors: AgencySector[] = Form.useWatch('sectors', form) ?? editing?.sectors ?? [];
  const disabled = !mayEdit;

  const initial: RuleForm = editing ? { ...editing, provisions: editing.provisions.map((p) => ({ ...p })), changeNote: '' } : EMPTY_RULE;

  async function save(values: RuleForm) {
    setProblems([]);
    const { code, ...content } = toRule({ ...values, code: editing?.code ?? values.code });
    const changeNote = values.changeNote?.trim() || null;
    try {
      if (editing) {
        const saved = await update.mutateAsync({ code, ...content, version: version!, changeNote });
        void message.success(t('form.saved', { version: saved.version }));
      } else {
        await create.mutateAsync({ code, ...content, changeNote });
        void message.success(t('form.created'));
      }
      onSaved();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'conflict') {
        setConflict(error.current as ChargeRuleView);
        return;
      }
      if (error instanceof ApiError && error.fields.length > 0) {
        setProblems(error.fields.map((f) => ({ path: Array.isArray(f.path) ? f.path.join('.') : f.path, message: f.message })));
        return;
      }
      void message.error(errorMessage(error));
    }
  }

  return (
    <Form<RuleForm> form={form} layout="vertical" initialValues={initial} onFinish={(values) => void save(values)} disabled={disabled} data-testid="rule-form">
      {disabled && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('form.readOnly')} />}
      {conflict && (
        <ConflictAlert
          current={[
            { key: 'version', label: t('columns.version'), children: t('versionNumber', { version: conflict.version }) },
            { key: 'by', label: t('form.changeNote'), children: conflict.changeNote ?? '—' },
          ]}
          onReload={() => {
            form.setFieldsValue({ ...conflict, provisions: conflict.provisions.map((p) => ({ ...p })), changeNote: '' });
            setVersion(conflict.version);
            setConflict(null);
          }}
        />
      )}
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('form.problems')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="rule-problems">
              {problems.map((p, i) => (
                <li key={i}>
                  {p.path}: {p.message}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Flex gap={12} wrap>
        {!editing && (
          <Form.Item name="code" label={t('form.code')} extra={t('form.codeHelp')} rules={[{ required: true, message: t('form.required') }, { pattern: RULE_CODE, message: t('form.codeInvalid') }]} style={{ minWidth: 240 }}>
            <Input placeholder="illegal_hunting" />
          </Form.Item>
        )}
        <Form.Item name="charge" label={t('form.charge')} rules={[{ required: true, message: t('form.required') }]} style={{ minWidth: 300, flex: 1 }}>
          <Input />
        </Form.Item>
        <Form.Item name="confidence" label={t('form.confidence')} style={{ width: 150 }}>
          <Select options={CONFIDENCE_LEVELS.map((c) => ({ value: c, label: t(`confidence.${c}`) }))} />
        </Form.Item>
      </Flex>
      <Form.Item name="aliases" label={t('form.aliases')} extra={t('form.aliasesHelp')}>
        <Select mode="tags" open={false} />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item name="sectors" label={t('form.sectors')} rules={[{ required: true, message: t('form.required') }]} style={{ minWidth: 300, flex: 1 }}>
          <Select mode="multiple" options={AGENCY_SECTORS.map((s) => ({ value: s, label: sectorLabel(s) }))} data-testid="rule-sectors" />
        </Form.Item>
        <Form.Item name="appliesAfter" label={t('form.appliesAfter')} rules={[{ required: true, message: t('form.required') }]}>
          <Checkbox.Group options={RULE_TRIGGERS.map((r) => ({ value: r, label: t(`appliesAfter.${r}`) }))} />
        </Form.Item>
      </Flex>
      <Flex gap={12} wrap>
        <DateInput name="effectiveFrom" label={t('form.effectiveFrom')} />
        <DateInput name="effectiveTo" label={t('form.effectiveTo')} />
        <Form.Item name="source" label={t('form.source')} style={{ minWidth: 200, flex: 1 }}>
          <Input />
        </Form.Item>
      </Flex>
      <Form.Item name="note" label={t('form.note')}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
      </Form.Item>
      <Typography.Title level={5}>{t('form.provisions')}</Typography.Title>
      <Form.List name="provisions">
        {(fields, { add, remove }) => (
          <Flex vertical gap={12}>
            {fields.map((field) => (
              <ProvisionFields key={field.key} index={field.name} onRemove={() => remove(field.name)} disabled={disabled} sectors={sectors} />
            ))}
            {!disabled && (
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ ...EMPTY_PROVISION })} data-testid="add-provision">
                {t('form.addProvision')}
              </Button>
            )}
          </Flex>
        )}
      </Form.List>
      {!disabled && (
        <>
          <Form.Item name="changeNote" label={t('form.changeNote')} extra={editing ? t('form.changeNoteHelp') : undefined} style={{ marginTop: 16 }}>
            <Input maxLength={500} />
          </Form.Item>
          <Flex justify="end" gap={8}>
            <Button type="primary" htmlType="submit" loading={update.isPending || create.isPending} data-testid="save-rule">
              {t('form.save')}
            </Button>
          </Flex>
        </>
      )}
    </Form>
  );
}
