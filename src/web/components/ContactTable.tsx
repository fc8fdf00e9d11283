import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../api/types';
import { RoleTags } from './RoleTags';

export function ContactTable({ contacts }: { contacts: Contact[] }) {
  const { t } = useTranslation();
  return (
    <Table<Contact>
      rowKey="id"
      size="small"
      dataSource={contacts}
      pagination={false}
      columns={[
        { title: t('user.displayName'), dataIndex: 'displayName' },
        { title: t('user.department'), dataIndex: 'departmentName' },
        { title: t('user.roles'), dataIndex: 'roles', render: (roles: Contact['roles']) => <RoleTags roles={roles} /> },
        { title: t('user.phone'), dataIndex: 'phone' },
        { title: t('user.email'), dataIndex: 'email' },
      ]}
    />
  );
}
