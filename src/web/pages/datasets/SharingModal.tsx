import { App, Form, Modal, Select } from 'antd';
import type { ButtonProps } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { PROCURATORATE_ROLES, type Role } from '../../../domain/roles';
import { ApiError } from '../../api/client';
import { type DatasetDetail, type DatasetSharing, useUpdateDatasetSharing } from '../../api/datasets';
import { useDirectory } from '../../api/directory';
import { reportError } from '../../api/errors';

/** The organizations a dataset may be shared with, from the directory (procuratorate staff). */
export function OrganizationPicker({ value, onChange, testId }: { value?: string[]; onChange?: (ids: string[]) => void; testId?: string }) {
  const { t } = useTranslation(['translation', 'datasets']);
  const directory = useDirectory();
  return (
    <Select
      mode="multiple"
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('datasets:sharing.organizationsPlaceholder')}
      loading={directory.isLoading}
      value={value}
      onChange={onChange}
      options={(directory.data?.organizations ?? []).map((o) => ({ value: o.id, label: o.name }))}
      data-testid={testId}
    />
  );
}

/**
 * Who may see a dataset: roles and organizations. The change carries the sharing this form
 * started from; when someone else changed it meanwhile the server answers 409 with the current
 * sharing, which the form then shows.
 */
export function SharingModal({ dataset, open, onClose }: { dataset: DatasetDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation(['translation', 'datasets']);
  const { message } = App.useApp();
  const [form] = Form.useForm<DatasetSharing>();
  const update = useUpdateDatasetSharing(dataset.id);
  const seen = { visibleRoles: dataset.visibleRoles, visibleOrganizationIds: dataset.visibleOrganizationIds };

  useEffect(() => {
    if (open) form.setFieldsValue(seen);
  }, [open, dataset]); // eslint-disable-line react-hooks/exhaustive-deps

  function save(values: DatasetSharing) {
    update.mutate(
      { visibleRoles: values.visibleRoles ?? [], visibleOrganizationIds: values.visibleOrganizationIds ?? [], previous: seen },
      {
        onSuccess: () => {
          message.success(t('datasets:sharing.saved'));
          onClose();
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 409) {
            const current = error.body.current as DatasetSharing | undefined;
            if (current) form.setFieldsValue(current);
            message.warning(t('datasets:sharing.conflict'));
            return;
          }
          reportError(error, message);
        },
      },
    );
  }

  return (
    <Modal
      open={open}
      title={t('datasets:sharing.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={update.isPending}
      okButtonProps={{ 'data-testid': 'sharing-save' } as ButtonProps}
      destroyOnHidden
    >
      <Form<DatasetSharing> form={form} layout="vertical" onFinish={save} initialValues={seen}>
        <Form.Item name="visibleRoles" label={t('datasets:sharing.roles')}>
          <Select<Role[]> mode="multiple" options={PROCURATORATE_ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))} data-testid="sharing-roles" />
        </Form.Item>
        <Form.Item name="visibleOrganizationIds" label={t('datasets:sharing.organizations')} extra={t('datasets:sharing.organizationsHint')}>
          <OrganizationPicker testId="sharing-organizations" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
