import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { reportError } from '../../../api/errors';
import type { User } from '../../../api/types';
import { useResetPassword } from '../../../api/users';
import { PASSWORD_RULE_PARAMS, repeatsNewPassword, strongPassword } from '../../../forms';

interface ResetValues {
  newPassword: string;
  confirmPassword: string;
}

export function ResetPasswordModal({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ResetValues>();
  const resetPassword = useResetPassword();

  function submit({ newPassword }: ResetValues) {
    resetPassword.mutate(
      { id: user.id, newPassword },
      {
        onSuccess: () => {
          void message.success(t('users.passwordReset'));
          onClose();
        },
        onError: (error) => reportError(error, message, form),
      },
    );
  }

  return (
    <Modal
      open
      title={t('users.resetPasswordOf', { name: user.displayName })}
      okText={t('users.resetPassword')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={resetPassword.isPending}
    >
      <Form<ResetValues> form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="newPassword"
          label={t('profile.newPassword')}
          extra={t('users.initialPasswordHint', PASSWORD_RULE_PARAMS)}
          rules={[{ required: true }, strongPassword(t('validation.reason.password_weak', PASSWORD_RULE_PARAMS))]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('profile.confirmPassword')}
          dependencies={['newPassword']}
          rules={[{ required: true }, repeatsNewPassword(t('profile.passwordsDiffer'))]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
