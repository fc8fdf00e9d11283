import { Card, Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCurrentSession } from '../api/session';
import { PageContainer } from '../components/PageContainer';
import { RoleTags } from '../components/RoleTags';
import { PasswordForm } from './profile/PasswordForm';
import { ProfileForm } from './profile/ProfileForm';

export default function ProfilePage() {
  const { t } = useTranslation();
  const { user } = useCurrentSession();

  const account = (
    <Card key="account" title={t('profile.account')}>
      <Descriptions
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'username', label: t('user.username'), children: user.username },
          { key: 'displayName', label: t('user.displayName'), children: user.displayName },
          { key: 'organization', label: t('user.organization'), children: user.organization.name },
          { key: 'department', label: t('user.department'), children: user.department?.name ?? '—' },
          { key: 'roles', label: t('user.roles'), children: <RoleTags roles={user.roles} /> },
        ]}
      />
    </Card>
  );
  const profile = (
    <Card key="profile" title={t('profile.edit')}>
      <ProfileForm />
    </Card>
  );
  const password = (
    <Card key="password" title={t('profile.changePassword')}>
      <PasswordForm />
    </Card>
  );

  // A user sent here to replace an initial or reset password sees that form first.
  return (
    <PageContainer title={t('menu.profile')}>
      {user.mustChangePassword ? [password, account, profile] : [account, profile, password]}
    </PageContainer>
  );
}
