import { Alert, App, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { reportError } from '../../api/errors';
import { useChangePassword, useCurrentSession } from '../../api/session';
import { PASSWORD_RULE_PARAMS, repeatsNewPassword, strongPassword } from '../../forms';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export function PasswordForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordValues>();
  const { user } = useCurrentSession();
  const changePassword = useChangePassword();

  function submit({ currentPassword, newPassword }: PasswordValues) {
    changePassword.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          form.resetFields();
          void message.success(t('profile.passwordChanged'));
        },
        onError: (error) => reportError(error, message, form),
      },
    );
  }

  return (
    <>
      {user.mustChangePassword && (
        <Alert type="warning" showIcon title={t('profile.mustChangePassword')} style={{ marginBottom: 16 }} />
      )}
      <Form<PasswordValues> form={form} layout="vertical" style={{ maxWidth: 480 }} onFinish={submit}>
        <Form.Item name="currentPassword" label={t('profile.currentPassword')} rules={[{ required: true }]}>
          <Input.Password data-testid="current-password" autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('profile.newPassword')}
          extra={t('profile.passwordRule', PASSWORD_RULE_PARAMS)}
          rules={[{ required: true }, strongPassword(t('validation.reason.password_weak', PASSWORD_RULE_PARAMS))]}
        >
          <Input.Password data-testid="new-password" autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('profile.confirmPassword')}
          dependencies={['newPassword']}
          rules={[{ required: true }, repeatsNewPassword(t('profile.passwordsDiffer'))]}
        >
          <Input.Password data-testid="confirm-password" autoComplete="new-password" />
        </Form.Item>
        <Button data-testid="change-password-submit" type="primary" htmlType="submit" loading={changePassword.isPending}>
          {t('profile.changePassword')}
        </Button>
      </Form>
    </>
  );
}
