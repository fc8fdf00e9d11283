import { Collapse, Empty, Flex, Input, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDirectory } from '../api/directory';
import type { DirectoryOrganization } from '../api/types';
import { ContactTable } from '../components/ContactTable';
import { OrganizationKindTag } from '../components/OrganizationKindTag';
import { PageContainer } from '../components/PageContainer';
import { PageLoading } from '../components/PageLoading';
import { QueryError } from '../components/QueryError';

/** Keeps organizations whose name matches, and in the others the contacts that match. */
function filterDirectory(organizations: DirectoryOrganization[], search: string): DirectoryOrganization[] {
  const needle = search.trim().toLowerCase();
  if (!needle) return organizations;
  const matches = (text: string | null) => (text ?? '').toLowerCase().includes(needle);
  return organizations.flatMap((organization) => {
    if (matches(organization.name) || matches(organization.shortName)) return [organization];
    const contacts = organization.contacts.filter(
      (contact) => matches(contact.displayName) || matches(contact.departmentName),
    );
    return contacts.length > 0 ? [{ ...organization, contacts }] : [];
  });
}

export default function DirectoryPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const { data, isPending, error, refetch } = useDirectory();
  const organizations = useMemo(() => filterDirectory(data?.organizations ?? [], search), [data, search]);

  return (
    <PageContainer
      title={t('menu.directory')}
      extra={
        <Input.Search allowClear placeholder={t('directory.search')} onSearch={setSearch} style={{ width: 280 }} />
      }
    >
      {isPending && <PageLoading />}
      {error && <QueryError error={error} onRetry={() => void refetch()} />}
      {data && organizations.length === 0 && <Empty description={t('common.noData')} />}
      {organizations.length > 0 && (
        <Collapse
          // Opens the procuratorates at first, and every match while searching.
          key={search}
          defaultActiveKey={organizations
            .filter((organization) => search || organization.kind === 'procuratorate')
            .map((organization) => organization.id)}
          items={organizations.map((organization) => ({
            key: organization.id,
            label: (
              <Flex gap={8} align="center" wrap>
                <Typography.Text strong>{organization.name}</Typography.Text>
                <OrganizationKindTag kind={organization.kind} />
                <Typography.Text type="secondary">
                  {t('directory.contactCount', { number: organization.contacts.length })}
                </Typography.Text>
              </Flex>
            ),
            children: <ContactTable contacts={organization.contacts} />,
          }))}
        />
      )}
    </PageContainer>
  );
}
