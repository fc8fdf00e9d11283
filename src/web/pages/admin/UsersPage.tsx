import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Input, Popconfirm, Select, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES } from '../../../domain/roles';
import { reportError } from '../../api/errors';
import { useOrganizationChoices } from '../../api/organizations';
import type { Role, User } from '../../api/types';
import { type UserFilter, useUnlockUser, useUpdateUser, useUsers } from '../../api/users';
import { PageContainer } from '../../components/PageContainer';
import { QueryError } from '../../components/QueryError';
import { RoleTags } from '../../components/RoleTags';
import { conflictCurrent } from '../../forms';
import { useFormat } from '../../format';
import { ResetPasswordModal } from './users/ResetPasswordModal';
import { UserFormModal } from './users/UserFormModal';

export default function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormat();
  const [filter, setFilter] = useState<UserFilter>({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const users = useUsers(filter);
  const organizations = useOrganizationChoices().data?.items ?? [];
  const updateUser = useUpdateUser();
  const unlockUser = useUnlockUser();

  /** A new filter starts again at the first page. */
  function refine(change: Partial<UserFilter>) {
    setFilter((previous) => ({ ...previous, ...change, page: 1 }));
  }

  function setActive(user: User, active: boolean) {
    updateUser.mutate(
      { id: user.id, version: user.version, active },
      {
        onError: (error) => {
          if (conflictCurrent(error)) {
            // Someone else changed the account meanwhile: show it as it is now.
            void message.warning(t('conflict.title'));
            void users.refetch();
          } else {
            reportError(error, message);
          }
        },
      },
    );
  }

  function unlock(user: User) {
    unlockUser.mutate(user.id, {
      onSuccess: () => void message.success(t('users.unlocked')),
      onError: (error) => reportError(error, message),
    });
  }

  return (
    <PageContainer
      title={t('menu.users')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('users.create')}
        </Button>
      }
    >
      <Flex gap={8} wrap>
        <Input.Search
          allowClear
          placeholder={t('users.search')}
          style={{ width: 260 }}
          onSearch={(q) => refine({ q: q.trim() || undefined })}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('user.organization')}
          style={{ width: 240 }}
          options={organizations.map((o) => ({ value: o.id, label: o.name }))}
          onChange={(organizationId?: string) => refine({ organizationId })}
        />
        <Select
          allowClear
          placeholder={t('user.roles')}
          style={{ width: 180 }}
          options={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
          onChange={(role?: Role) => refine({ role })}
        />
      </Flex>
      {users.error && <QueryError error={users.error} onRetry={() => void users.refetch()} />}
      <Table<User>
        rowKey="id"
        loading={users.isFetching}
        dataSource={users.data?.items}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total: users.data?.total,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { number: format.number(total) }),
          onChange: (page, pageSize) => setFilter((previous) => ({ ...previous, page, pageSize })),
        }}
        columns={[
          { title: t('user.username'), dataIndex: 'username' },
          { title: t('user.displayName'), dataIndex: 'displayName' },
          { title: t('user.organization'), dataIndex: 'organizationName' },
          { title: t('user.department'), dataIndex: 'departmentName' },
          { title: t('user.roles'), dataIndex: 'roles', render: (roles: Role[]) => <RoleTags roles={roles} /> },
          { title: t('user.phone'), dataIndex: 'phone' },
          {
            title: t('user.status'),
            key: 'status',
            render: (_, user) => (
              <Flex gap={8} align="center">
                <Switch
                  size="small"
                  checked={user.active}
                  loading={updateUser.isPending && updateUser.variables?.id === user.id}
                  onChange={(active) => setActive(user, active)}
                  aria-label={t('common.active')}
                />
                {user.active ? t('common.active') : t('common.inactive')}
                {user.locked && <Tag color="orange">{t('users.locked')}</Tag>}
              </Flex>
            ),
          },
          { title: t('user.createdAt'), dataIndex: 'createdAt', render: (createdAt: string) => format.dateTime(createdAt) },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            render: (_, user) => (
              <Flex gap={4}>
                <Button type="link" size="small" onClick={() => setEditing(user)}>
                  {t('common.edit')}
                </Button>
                <Button type="link" size="small" onClick={() => setResetting(user)}>
                  {t('users.resetPassword')}
                </Button>
                {user.locked && (
                  <Popconfirm title={t('users.unlockConfirm', { name: user.displayName })} onConfirm={() => unlock(user)}>
                    <Button type="link" size="small">
                      {t('users.unlock')}
                    </Button>
                  </Popconfirm>
                )}
              </Flex>
            ),
          },
        ]}
      />
      {editing && <UserFormModal user={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {resetting && <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />}
    </PageContainer>
  );
}
