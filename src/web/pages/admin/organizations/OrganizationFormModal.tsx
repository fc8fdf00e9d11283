import { App, Form, Input, Modal, Select, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ORGANIZATION_KINDS } from '../../../../domain/roles';
import { reportError } from '../../../api/errors';
import { useCreateOrganization, useOrganizationChoices, useUpdateOrganization } from '../../../api/organizations';
import type { Organization, OrganizationKind } from '../../../api/types';
import { ConflictAlert } from '../../../components/ConflictAlert';
import { conflictCurrent, patchOf, withoutBlanks } from '../../../forms';

interface EditableValues {
  name: string;
  shortName: string;
  code: string | null;
  parentId?: string | null;
  active: boolean;
}

/** The kind is chosen once, at creation: the roles of its users depend on it. */
interface OrganizationFormValues extends EditableValues {
  kind: OrganizationKind;
}

function editableValuesOf(organization: Organization): EditableValues {
  return {
    name: organization.name,
    shortName: organization.shortName,
    code: organization.code ?? '',
    parentId: organization.parentId ?? undefined,
    active: organization.active,
  };
}

/** `organization` null creates a new one. */
export function OrganizationFormModal({ organization, onClose }: { organization: Organization | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<OrganizationFormValues>();
  const [baseline, setBaseline] = useState(organization);
  const [conflict, setConflict] = useState<Organization | null>(null);
  const createOrganization = useCreateOrganization();
  const updateOrganization = useUpdateOrganization();
  const parents = (useOrganizationChoices().data?.items ?? []).filter((o) => o.id !== organization?.id);
  const parentName = (id: string | null) => parents.find((o) => o.id === id)?.name ?? '—';

  function onError(error: unknown) {
    const current = conflictCurrent<Organization>(error);
    if (current) setConflict(current);
    else reportError(error, message, form);
  }

  function onSaved() {
    void message.success(t('common.saved'));
    onClose();
  }

  function submit({ kind, active, ...fields }: OrganizationFormValues) {
    if (!baseline) {
      createOrganization.mutate(withoutBlanks({ ...fields, kind }), { onSuccess: onSaved, onError });
      return;
    }
    const changes = patchOf({ ...fields, active }, editableValuesOf(baseline));
    updateOrganization.mutate(
      { id: baseline.id, version: baseline.version, ...changes },
      { onSuccess: onSaved, onError },
    );
  }

  function loadCurrent(current: Organization) {
    form.setFieldsValue(editableValuesOf(current));
    setBaseline(current);
    setConflict(null);
  }

  return (
    <Modal
      open
      title={baseline ? t('organizations.edit') : t('organizations.create')}
      okText={t('common.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={createOrganization.isPending || updateOrganization.isPending}
    >
      {conflict && (
        <ConflictAlert
          onReload={() => loadCurrent(conflict)}
          current={[
            { key: 'name', label: t('organization.name'), children: conflict.name },
            { key: 'shortName', label: t('organization.shortName'), children: conflict.shortName },
            { key: 'code', label: t('organization.code'), children: conflict.code ?? '—' },
            { key: 'parent', label: t('organization.parent'), children: parentName(conflict.parentId) },
            { key: 'active', label: t('organization.active'), children: conflict.active ? t('common.yes') : t('common.no') },
          ]}
        />
      )}
      <Form<OrganizationFormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={organization ? { ...editableValuesOf(organization), kind: organization.kind } : { active: true }}
      >
        <Form.Item name="name" label={t('organization.name')} rules={[{ required: true, whitespace: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="shortName" label={t('organization.shortName')} rules={[{ required: true, whitespace: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="kind" label={t('organization.kind')} rules={[{ required: true }]}>
          <Select
            disabled={Boolean(baseline)}
            options={ORGANIZATION_KINDS.map((kind) => ({ value: kind, label: t(`organizationKinds.${kind}`) }))}
          />
        </Form.Item>
        <Form.Item name="code" label={t('organization.code')} extra={t('organizations.codeHint')}>
          <Input />
        </Form.Item>
        <Form.Item name="parentId" label={t('organization.parent')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={parents.map((o) => ({ value: o.id, label: o.name }))}
          />
        </Form.Item>
        {baseline && (
          <Form.Item name="active" label={t('organization.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
