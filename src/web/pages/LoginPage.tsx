import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { errorMessage } from '../api/errors';
import { useLogin, useSession } from '../api/session';
import { LocaleSwitch } from '../components/LocaleSwitch';

interface Credentials {
  username: string;
  password: string;
}

/** Where the sign-in gate sent the user from, if anywhere. */
function returnPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from !== '/login' ? from : '/';
}

export default function LoginPage() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const location = useLocation();
  const { data: session } = useSession();
  const login = useLogin();

  // Signing in fills the session, and this sends the user on.
  if (session) return <Navigate to={returnPath(location.state)} replace />;

  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', background: token.colorBgLayout, padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <Flex justify="flex-end">
          <LocaleSwitch />
        </Flex>
        <Flex vertical align="center" gap={4} style={{ margin: '8px 0 24px' }}>
          <img src="/favicon.svg" alt="" width={48} height={48} />
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('app.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
        </Flex>
        {login.error && <Alert type="error" showIcon title={errorMessage(login.error)} style={{ marginBottom: 16 }} />}
        <Form<Credentials> layout="vertical" onFinish={(credentials) => login.mutate(credentials)} requiredMark={false}>
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.usernameRequired') }]}>
            <Input data-testid="login-username" prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password data-testid="login-password" prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button data-testid="login-submit" type="primary" htmlType="submit" block loading={login.isPending}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
