import { App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, rolesAllowedIn } from '../../../../domain/roles';
import { reportError } from '../../../api/errors';
import { useOrganizationChoices } from '../../../api/organizations';
import type { Role, User } from '../../../api/types';
import { useCreateUser, useUpdateUser } from '../../../api/users';
import { ConflictAlert } from '../../../components/ConflictAlert';
import { RoleTags } from '../../../components/RoleTags';
import { conflictCurrent, patchOf, PASSWORD_RULE_PARAMS, strongPassword, withoutBlanks } from '../../../forms';

/** The fields an administrator may change on an existing account. */
interface EditableValues {
  displayName: string;
  organizationId: string;
  departmentId?: string | null;
  roles: Role[];
  phone: string | null;
  email: string | null;
}

/** Creating an account also sets its username and first password. */
interface UserFormValues extends EditableValues {
  username: string;
  password: string;
}

function editableValuesOf(user: User): EditableValues {
  return {
    displayName: user.displayName,
    organizationId: user.organizationId,
    departmentId: user.departmentId ?? undefined,
    roles: user.roles,
    phone: user.phone ?? '',
    email: user.email ?? '',
  };
}

/** `user` null creates a new account. */
export function UserFormModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<UserFormValues>();
  const [baseline, setBaseline] = useState(user);
  const [conflict, setConflict] = useState<User | null>(null);
  const createUser = useCreateUser();
  const updateUser = useUpdateUser();
  const organizations = useOrganizationChoices().data?.items ?? [];
  const organizationId = Form.useWatch('organizationId', form);
  const organization = organizations.find((o) => o.id === organizationId);
  const allowedRoles: readonly Role[] = organization ? rolesAllowedIn(organization.kind) : ROLES;

  function onError(error: unknown) {
    const current = conflictCurrent<User>(error);
    if (current) setConflict(current);
    else reportError(error, message, form);
  }

  function onSaved() {
    void message.success(t('common.saved'));
    onClose();
  }

  function submit(values: UserFormValues) {
    const { username, password, ...editable } = values;
    if (!baseline) {
      createUser.mutate(withoutBlanks({ username, password, ...editable }), { onSuccess: onSaved, onError });
      return;
    }
    const changes = patchOf(editable, editableValuesOf(baseline));
    updateUser.mutate({ id: baseline.id, version: baseline.version, ...changes }, { onSuccess: onSaved, onError });
  }

  function loadCurrent(current: User) {
    form.setFieldsValue(editableValuesOf(current));
    setBaseline(current);
    setConflict(null);
  }

  function onValuesChange(changed: Partial<UserFormValues>) {
    if (!changed.organizationId) return;
    // A new organization invalidates the department and the roles its kind does not allow.
    const kind = organizations.find((o) => o.id === changed.organizationId)?.kind;
    const roles: Role[] = form.getFieldValue('roles') ?? [];
    form.setFieldsValue({
      departmentId: undefined,
      roles: kind ? roles.filter((role) => rolesAllowedIn(kind).includes(role)) : roles,
    });
  }

  return (
    <Modal
      open
      title={baseline ? t('users.edit') : t('users.create')}
      okText={t('common.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={createUser.isPending || updateUser.isPending}
    >
      {conflict && (
        <ConflictAlert
          onReload={() => loadCurrent(conflict)}
          current={[
            { key: 'displayName', label: t('user.displayName'), children: conflict.displayName },
            { key: 'organization', label: t('user.organization'), children: conflict.organizationName },
            { key: 'department', label: t('user.department'), children: conflict.departmentName ?? '—' },
            { key: 'roles', label: t('user.roles'), children: <RoleTags roles={conflict.roles} /> },
            { key: 'active', label: t('user.status'), children: conflict.active ? t('common.active') : t('common.inactive') },
            { key: 'phone', label: t('user.phone'), children: conflict.phone ?? '—' },
            { key: 'email', label: t('user.email'), children: conflict.email ?? '—' },
          ]}
        />
      )}
      <Form<UserFormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={onValuesChange}
        initialValues={user ? editableValuesOf(user) : { roles: [] }}
      >
        {!baseline && (
          <Form.Item name="username" label={t('user.username')} rules={[{ required: true, whitespace: true }]}>
            <Input autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item name="displayName" label={t('user.displayName')} rules={[{ required: true, whitespace: true }]}>
          <Input />
        </Form.Item>
        {!baseline && (
          <Form.Item
            name="password"
            label={t('users.initialPassword')}
            extra={t('users.initialPasswordHint', PASSWORD_RULE_PARAMS)}
            rules={[{ required: true }, strongPassword(t('validation.reason.password_weak', PASSWORD_RULE_PARAMS))]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item name="organizationId" label={t('user.organization')} rules={[{ required: true }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={organizations.map((o) => ({ value: o.id, label: o.name }))}
          />
        </Form.Item>
        <Form.Item name="departmentId" label={t('user.department')}>
          <Select
            allowClear
            options={(organization?.departments ?? []).map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
        <Form.Item name="roles" label={t('user.roles')} rules={[{ required: true }]}>
          <Select
            mode="multiple"
            options={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`), disabled: !allowedRoles.includes(role) }))}
          />
        </Form.Item>
        <Form.Item name="phone" label={t('user.phone')}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="email" label={t('user.email')} rules={[{ type: 'email' }]}>
          <Input autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
