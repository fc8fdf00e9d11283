import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Input, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AuditFilter, useAuditEvents, useVerifyAuditChain } from '../../api/audit';
import { reportError } from '../../api/errors';
import type { AuditEvent, AuditVerification } from '../../api/types';
import { PageContainer } from '../../components/PageContainer';
import { QueryError } from '../../components/QueryError';
import { useFormat } from '../../format';

function VerificationResult({ result }: { result: AuditVerification }) {
  const { t } = useTranslation();
  const format = useFormat();
  const events = format.number(result.events);
  if (result.ok) return <Alert type="success" showIcon title={t('audit.chainIntact', { events })} />;
  return (
    <Alert
      type="error"
      showIcon
      title={t('audit.chainBroken', { events, problems: format.number(result.problems.length) })}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {result.problems.map((problem) => (
            <li key={`${problem.seq}-${problem.problem}`}>
              #{problem.seq}: {problem.problem}
            </li>
          ))}
        </ul>
      }
    />
  );
}

export default function AuditPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormat();
  const [filter, setFilter] = useState<AuditFilter>({ page: 1, pageSize: 50 });
  const events = useAuditEvents(filter);
  const verify = useVerifyAuditChain();

  function refine(change: Partial<AuditFilter>) {
    setFilter((previous) => ({ ...previous, ...change, page: 1 }));
  }

  return (
    <PageContainer
      title={t('menu.audit')}
      extra={
        <Button
          icon={<SafetyCertificateOutlined />}
          loading={verify.isPending}
          onClick={() => verify.mutate(undefined, { onError: (error) => reportError(error, message) })}
        >
          {t('audit.verify')}
        </Button>
      }
    >
      {verify.data && <VerificationResult result={verify.data} />}
      <Flex gap={8} wrap>
        <Input.Search
          allowClear
          placeholder={t('audit.actionFilter')}
          style={{ width: 300 }}
          onSearch={(action) => refine({ action: action.trim() || undefined })}
        />
        <Input.Search
          allowClear
          placeholder={t('audit.recordTypeFilter')}
          style={{ width: 300 }}
          onSearch={(recordType) => refine({ recordType: recordType.trim() || undefined })}
        />
      </Flex>
      {events.error && <QueryError error={events.error} onRetry={() => void events.refetch()} />}
      <Table<AuditEvent>
        rowKey="seq"
        size="small"
        loading={events.isFetching}
        dataSource={events.data?.items}
        scroll={{ x: 'max-content' }}
        expandable={{
          rowExpandable: (event) => Boolean(event.details && Object.keys(event.details).length > 0),
          expandedRowRender: (event) => (
            <Typography.Paragraph code style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
              {JSON.stringify(event.details, null, 2)}
            </Typography.Paragraph>
          ),
        }}
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total: events.data?.total,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { number: format.number(total) }),
          onChange: (page, pageSize) => setFilter((previous) => ({ ...previous, page, pageSize })),
        }}
        columns={[
          { title: t('audit.seq'), dataIndex: 'seq' },
          { title: t('audit.occurredAt'), dataIndex: 'occurredAt', render: (occurredAt: string) => format.dateTime(occurredAt) },
          { title: t('audit.actor'), dataIndex: 'actorName' },
          { title: t('audit.action'), dataIndex: 'action', render: (action: string) => <Typography.Text code>{action}</Typography.Text> },
          { title: t('audit.recordType'), dataIndex: 'recordType' },
          { title: t('audit.recordId'), dataIndex: 'recordId', render: (id: string | null) => <Typography.Text type="secondary">{id}</Typography.Text> },
          { title: t('audit.clientIp'), dataIndex: 'clientIp' },
        ]}
      />
    </PageContainer>
  );
}
