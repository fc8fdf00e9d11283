import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App, Avatar, Button, Dropdown, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage } from '../api/errors';
import { useCurrentSession, useLogout } from '../api/session';

export function UserMenu() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { user } = useCurrentSession();
  const logout = useLogout();

  const items: MenuProps['items'] = [
    { key: 'profile', icon: <UserOutlined />, label: t('menu.profile') },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: <span data-testid="logout">{t('header.logout')}</span> },
  ];

  function onClick({ key }: { key: string }) {
    if (key === 'profile') navigate('/profile');
    if (key === 'logout') {
      logout.mutate(undefined, {
        onSuccess: () => navigate('/login', { replace: true }),
        onError: (error) => void message.error(errorMessage(error)),
      });
    }
  }

  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <Button type="text" data-testid="user-menu">
        <Avatar size="small" icon={<UserOutlined />} />
        {user.displayName}
      </Button>
    </Dropdown>
  );
}
