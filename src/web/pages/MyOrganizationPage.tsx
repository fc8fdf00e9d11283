import { Card, Descriptions, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMyOrganization } from '../api/directory';
import { ContactTable } from '../components/ContactTable';
import { OrganizationKindTag } from '../components/OrganizationKindTag';
import { PageContainer } from '../components/PageContainer';
import { PageLoading } from '../components/PageLoading';
import { QueryError } from '../components/QueryError';

export default function MyOrganizationPage() {
  const { t } = useTranslation();
  const { data, isPending, error, refetch } = useMyOrganization();

  return (
    <PageContainer title={t('menu.myOrganization')}>
      {isPending && <PageLoading />}
      {error && <QueryError error={error} onRetry={() => void refetch()} />}
      {data && (
        <>
          <Card title={data.organization.name}>
            <Descriptions
              column={{ xs: 1, md: 2 }}
              items={[
                { key: 'shortName', label: t('organization.shortName'), children: data.organization.shortName },
                { key: 'kind', label: t('organization.kind'), children: <OrganizationKindTag kind={data.organization.kind} /> },
                {
                  key: 'departments',
                  label: t('organization.departments'),
                  span: 'filled',
                  children: data.organization.departments.map((department) => <Tag key={department.id}>{department.name}</Tag>),
                },
              ]}
            />
          </Card>
          <Card title={t('myOrganization.colleagues')}>
            <ContactTable contacts={data.organization.contacts} />
          </Card>
          <Card title={t('myOrganization.procuratorateContacts')}>
            <ContactTable contacts={data.procuratorateContacts} />
          </Card>
        </>
      )}
    </PageContainer>
  );
}
