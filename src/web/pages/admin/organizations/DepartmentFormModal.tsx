import { App, Form, Input, Modal, Select, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reportError } from '../../../api/errors';
import { useCreateDepartment, useUpdateDepartment } from '../../../api/organizations';
import { DEPARTMENT_KINDS, type Department, type DepartmentKind, type Organization } from '../../../api/types';
import { ConflictAlert } from '../../../components/ConflictAlert';
import { conflictCurrent, patchOf, withoutBlanks } from '../../../forms';

interface DepartmentFormValues {
  name: string;
  code: string | null;
  kind: DepartmentKind;
  active: boolean;
}

function valuesOf(department: Department): DepartmentFormValues {
  return { name: department.name, code: department.code ?? '', kind: department.kind, active: department.active };
}

/** `department` null adds a new department to `organization`. */
export function DepartmentFormModal({
  organization,
  department,
  onClose,
}: {
  organization: Organization;
  department: Department | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<DepartmentFormValues>();
  const [baseline, setBaseline] = useState(department);
  const [conflict, setConflict] = useState<Department | null>(null);
  const createDepartment = useCreateDepartment();
  const updateDepartment = useUpdateDepartment();

  function onError(error: unknown) {
    const current = conflictCurrent<Department>(error);
    if (current) setConflict(current);
    else reportError(error, message, form);
  }

  function onSaved() {
    void message.success(t('common.saved'));
    onClose();
  }

  function submit({ active, ...fields }: DepartmentFormValues) {
    if (!baseline) {
      createDepartment.mutate(withoutBlanks({ organizationId: organization.id, ...fields }), { onSuccess: onSaved, onError });
      return;
    }
    const changes = patchOf({ ...fields, active }, valuesOf(baseline));
    updateDepartment.mutate({ id: baseline.id, version: baseline.version, ...changes }, { onSuccess: onSaved, onError });
  }

  function loadCurrent(current: Department) {
    form.setFieldsValue(valuesOf(current));
    setBaseline(current);
    setConflict(null);
  }

  return (
    <Modal
      open
      title={`${organization.name} · ${baseline ? t('organizations.editDepartment') : t('organizations.addDepartment')}`}
      okText={t('common.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={createDepartment.isPending || updateDepartment.isPending}
    >
      {conflict && (
        <ConflictAlert
          onReload={() => loadCurrent(conflict)}
          current={[
            { key: 'name', label: t('department.name'), children: conflict.name },
            { key: 'code', label: t('department.code'), children: conflict.code ?? '—' },
            { key: 'kind', label: t('department.kind'), children: t(`departmentKinds.${conflict.kind}`) },
            { key: 'active', label: t('department.active'), children: conflict.active ? t('common.yes') : t('common.no') },
          ]}
        />
      )}
      <Form<DepartmentFormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={department ? valuesOf(department) : { kind: 'other', active: true }}
      >
        <Form.Item name="name" label={t('department.name')} rules={[{ required: true, whitespace: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="kind" label={t('department.kind')} rules={[{ required: true }]}>
          <Select options={DEPARTMENT_KINDS.map((kind) => ({ value: kind, label: t(`departmentKinds.${kind}`) }))} />
        </Form.Item>
        <Form.Item name="code" label={t('department.code')} extra={t('organizations.departmentCodeHint')}>
          <Input />
        </Form.Item>
        {baseline && (
          <Form.Item name="active" label={t('department.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
