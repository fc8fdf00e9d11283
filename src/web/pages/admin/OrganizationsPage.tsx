import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ORGANIZATION_KINDS } from '../../../domain/roles';
import { type OrganizationFilter, useOrganizationChoices, useOrganizations } from '../../api/organizations';
import type { Department, Organization, OrganizationKind } from '../../api/types';
import { OrganizationKindTag } from '../../components/OrganizationKindTag';
import { PageContainer } from '../../components/PageContainer';
import { QueryError } from '../../components/QueryError';
import { useFormat } from '../../format';
import { DepartmentFormModal } from './organizations/DepartmentFormModal';
import { OrganizationFormModal } from './organizations/OrganizationFormModal';

function ActiveTag({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return active ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>;
}

function DepartmentTable({ organization, onEdit }: { organization: Organization; onEdit: (department: Department) => void }) {
  const { t } = useTranslation();
  return (
    <Table<Department>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={organization.departments}
      columns={[
        { title: t('department.name'), dataIndex: 'name' },
        { title: t('department.kind'), dataIndex: 'kind', render: (kind: Department['kind']) => t(`departmentKinds.${kind}`) },
        { title: t('department.code'), dataIndex: 'code' },
        { title: t('department.active'), dataIndex: 'active', render: (active: boolean) => <ActiveTag active={active} /> },
        {
          title: t('common.actions'),
          key: 'actions',
          render: (_, department) => (
            <Button type="link" size="small" onClick={() => onEdit(department)}>
              {t('common.edit')}
            </Button>
          ),
        },
      ]}
    />
  );
}

/** Which form is open: an organization (new or existing) or a department of one. */
type Editing =
  | { form: 'organization'; organization: Organization | null }
  | { form: 'department'; organization: Organization; department: Department | null };

export default function OrganizationsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [filter, setFilter] = useState<OrganizationFilter>({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<Editing | null>(null);
  const organizations = useOrganizations(filter);
  const choices = useOrganizationChoices().data?.items ?? [];
  const parentName = (id: string | null) => choices.find((o) => o.id === id)?.name;

  function refine(change: Partial<OrganizationFilter>) {
    setFilter((previous) => ({ ...previous, ...change, page: 1 }));
  }

  return (
    <PageContainer
      title={t('menu.organizations')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ form: 'organization', organization: null })}>
          {t('organizations.create')}
        </Button>
      }
    >
      <Flex gap={8} wrap>
        <Input.Search
          allowClear
          placeholder={t('organizations.search')}
          style={{ width: 260 }}
          onSearch={(q) => refine({ q: q.trim() || undefined })}
        />
        <Select
          allowClear
          placeholder={t('organization.kind')}
          style={{ width: 180 }}
          options={ORGANIZATION_KINDS.map((kind) => ({ value: kind, label: t(`organizationKinds.${kind}`) }))}
          onChange={(kind?: OrganizationKind) => refine({ kind })}
        />
      </Flex>
      {organizations.error && <QueryError error={organizations.error} onRetry={() => void organizations.refetch()} />}
      <Table<Organization>
        rowKey="id"
        loading={organizations.isFetching}
        dataSource={organizations.data?.items}
        scroll={{ x: 'max-content' }}
        expandable={{
          expandedRowRender: (organization) => (
            <DepartmentTable
              organization={organization}
              onEdit={(department) => setEditing({ form: 'department', organization, department })}
            />
          ),
        }}
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total: organizations.data?.total,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { number: format.number(total) }),
          onChange: (page, pageSize) => setFilter((previous) => ({ ...previous, page, pageSize })),
        }}
        columns={[
          { title: t('organization.name'), dataIndex: 'name' },
          { title: t('organization.shortName'), dataIndex: 'shortName' },
          { title: t('organization.kind'), dataIndex: 'kind', render: (kind: OrganizationKind) => <OrganizationKindTag kind={kind} /> },
          { title: t('organization.code'), dataIndex: 'code' },
          { title: t('organization.parent'), dataIndex: 'parentId', render: (parentId: string | null) => parentName(parentId) },
          {
            title: t('organization.departments'),
            key: 'departments',
            render: (_, organization) => format.number(organization.departments.length),
          },
          { title: t('organization.active'), dataIndex: 'active', render: (active: boolean) => <ActiveTag active={active} /> },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            render: (_, organization) => (
              <Flex gap={4}>
                <Button type="link" size="small" onClick={() => setEditing({ form: 'organization', organization })}>
                  {t('common.edit')}
                </Button>
                <Button
                  type="link"
                  size="small"
                  onClick={() => setEditing({ form: 'department', organization, department: null })}
                >
                  {t('organizations.addDepartment')}
                </Button>
              </Flex>
            ),
          },
        ]}
      />
      {editing?.form === 'organization' && (
        <OrganizationFormModal organization={editing.organization} onClose={() => setEditing(null)} />
      )}
      {editing?.form === 'department' && (
        <DepartmentFormModal
          organization={editing.organization}
          department={editing.department}
          onClose={() => setEditing(null)}
        />
      )}
    </PageContainer>
  );
}
