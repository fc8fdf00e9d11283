import { Card, Descriptions, Empty, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCurrentSession } from '../api/session';
import type { WorkItem } from '../api/types';
import { useMyWork } from '../api/work';
import { PageContainer } from '../components/PageContainer';
import { PageLoading } from '../components/PageLoading';
import { QueryError } from '../components/QueryError';
import { RoleTags } from '../components/RoleTags';
import { useFormat } from '../format';
import { workKindLabel } from './cases/shared';

function MyWork() {
  const { t } = useTranslation();
  const format = useFormat();
  const { data, isPending, error, refetch } = useMyWork();
  return (
    <Card title={t('home.myWork')}>
      {error && <QueryError error={error} onRetry={() => void refetch()} />}
      {isPending && <PageLoading />}
      {data?.items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.noWork')} />}
      {data && data.items.length > 0 && (
        <Table<WorkItem>
          rowKey={(item) => item.link}
          dataSource={data.items}
          pagination={false}
          columns={[
            { title: t('home.workTitle'), dataIndex: 'title', render: (title: string, item) => <Link to={item.link}>{title}</Link> },
            { title: t('home.workKind'), dataIndex: 'kind', render: (kind: string) => workKindLabel(kind) },
            { title: t('home.dueDate'), dataIndex: 'dueDate', render: (dueDate: string | null) => format.date(dueDate) },
          ]}
        />
      )}
    </Card>
  );
}

export default function HomePage() {
  const { t } = useTranslation();
  const { user } = useCurrentSession();
  return (
    <PageContainer title={t('menu.home')}>
      <Card>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('home.greeting', { name: user.displayName })}
        </Typography.Title>
        <Descriptions
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'organization', label: t('user.organization'), children: user.organization.name },
            { key: 'department', label: t('user.department'), children: user.department?.name ?? '—' },
            { key: 'roles', label: t('user.roles'), children: <RoleTags roles={user.roles} /> },
          ]}
        />
      </Card>
      <MyWork />
    </PageContainer>
  );
}
