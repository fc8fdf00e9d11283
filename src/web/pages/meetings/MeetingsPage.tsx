import { PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Input, Segmented, Select, Table, Tabs, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  MEETING_STATUSES,
  type MeetingFilter,
  type MeetingStatus,
  type MeetingSummary,
  type ResolutionFilter,
  type TaskResolution,
  useMeetings,
  useResolutions,
} from '../../api/jointMeetings';
import { useCurrentSession } from '../../api/session';
import { PageContainer } from '../../components/PageContainer';
import { QueryError } from '../../components/QueryError';
import { useFormat } from '../../format';
import { MeetingFormModal } from './MeetingFormModal';
import { MeetingStatusTag, StandingTag, meetingWhen } from './shared';

const DATE = 'YYYY-MM-DD';

function MeetingsTable() {
  const { t } = useTranslation(['translation', 'meetings']);
  const format = useFormat();
  const [filter, setFilter] = useState<MeetingFilter>({ page: 1, pageSize: 20 });
  const meetings = useMeetings(filter);
  const refine = (change: Partial<MeetingFilter>) => setFilter((previous) => ({ ...previous, ...change, page: 1 }));

  return (
    <Flex vertical gap={16}>
      <Flex gap={8} wrap>
        <Input.Search allowClear placeholder={t('meetings:list.search')} style={{ width: 240 }} onSearch={(q) => refine({ q: q.trim() || undefined })} data-testid="meetings-search" />
        <Select<MeetingStatus>
          allowClear
          placeholder={t('meetings:fields.status')}
          style={{ width: 140 }}
          options={MEETING_STATUSES.map((status) => ({ value: status, label: t(`meetings:statuses.${status}`) }))}
          onChange={(status?: MeetingStatus) => refine({ status })}
          data-testid="meetings-status"
        />
        <DatePicker.RangePicker
          allowEmpty={[true, true]}
          placeholder={[t('meetings:list.from'), t('meetings:list.to')]}
          onChange={(range: [Dayjs | null, Dayjs | null] | null) => refine({ from: range?.[0]?.format(DATE), to: range?.[1]?.format(DATE) })}
          data-testid="meetings-dates"
        />
      </Flex>
      {meetings.error && <QueryError error={meetings.error} onRetry={() => void meetings.refetch()} />}
      <Table<MeetingSummary>
        data-testid="meetings-table"
        rowKey="id"
        loading={meetings.isFetching}
        dataSource={meetings.data?.items}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total: meetings.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { number: format.number(total) }),
          onChange: (page, pageSize) => setFilter((previous) => ({ ...previous, page, pageSize })),
        }}
        columns={[
          { title: t('meetings:fields.when'), key: 'when', render: (_, m) => meetingWhen(format, m) },
          { title: t('meetings:fields.title'), dataIndex: 'title', render: (title: string, m) => <Link to={`/meetings/${m.id}`}>{title}</Link> },
          { title: t('meetings:fields.convener'), key: 'convener', render: (_, m) => m.convener.shortName },
          {
            title: t('meetings:fields.participants'),
            key: 'participants',
            render: (_, m) => (
              <Flex gap={4} wrap style={{ maxWidth: 360 }}>
                {m.participants.map((p) => (
                  <Tag key={p.id}>{p.shortName}</Tag>
                ))}
              </Flex>
            ),
          },
          { title: t('meetings:fields.status'), dataIndex: 'status', render: (status: MeetingStatus) => <MeetingStatusTag status={status} /> },
          {
            title: t('meetings:list.openResolutions'),
            key: 'resolutions',
            align: 'right',
            render: (_, m) => (m.resolutions ? t('meetings:list.resolutionCount', { open: format.number(m.openResolutions), total: format.number(m.resolutions) }) : '—'),
          },
        ]}
        locale={{ emptyText: t('meetings:list.empty') }}
      />
    </Flex>
  );
}

/** Resolutions to follow: an agency's own (its task list), or all of the convener's meetings. */
function ResolutionsTable({ agency }: { agency: boolean }) {
  const { t } = useTranslation(['translation', 'meetings']);
  const format = useFormat();
  const [filter, setFilter] = useState<ResolutionFilter>({ page: 1, pageSize: 20, status: 'open', ...(agency && { owner: 'mine' as const }) });
  const resolutions = useResolutions(filter);
  const refine = (change: Partial<ResolutionFilter>) => setFilter((previous) => ({ ...previous, ...change, page: 1 }));

  return (
    <Flex vertical gap={16}>
      <Flex gap={16} wrap align="center">
        <Segmented<'mine' | 'all'>
          value={filter.owner ?? 'all'}
          options={[
            { value: 'mine', label: t('meetings:tasks.mine') },
            { value: 'all', label: t('meetings:tasks.all') },
          ]}
          onChange={(owner) => refine({ owner: owner === 'mine' ? 'mine' : undefined })}
          data-testid="tasks-owner"
        />
        <Segmented<'open' | 'done' | 'any'>
          value={filter.status ?? 'any'}
          options={[
            { value: 'open', label: t('meetings:resolutionStatuses.open') },
            { value: 'done', label: t('meetings:resolutionStatuses.done') },
            { value: 'any', label: t('meetings:tasks.anyStatus') },
          ]}
          onChange={(status) => refine({ status: status === 'any' ? undefined : status })}
          data-testid="tasks-status"
        />
      </Flex>
      {resolutions.error && <QueryError error={resolutions.error} onRetry={() => void resolutions.refetch()} />}
      <Table<TaskResolution>
        data-testid="tasks-table"
        rowKey="id"
        loading={resolutions.isFetching}
        dataSource={resolutions.data?.items}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total: resolutions.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { number: format.number(total) }),
          onChange: (page, pageSize) => setFilter((previous) => ({ ...previous, page, pageSize })),
        }}
        columns={[
          { title: t('meetings:resolutions.dueDate'), dataIndex: 'dueDate', render: (due: string) => format.date(due) },
          { title: t('meetings:resolutions.status'), key: 'standing', render: (_, r) => <StandingTag resolution={r} /> },
          { title: t('meetings:resolutions.text'), dataIndex: 'text', render: (text: string) => <div style={{ maxWidth: 420, whiteSpace: 'pre-wrap' }}>{text}</div> },
          { title: t('meetings:resolutions.owner'), key: 'owner', render: (_, r) => r.owner.shortName },
          {
            title: t('meetings:tasks.meeting'),
            key: 'meeting',
            render: (_, r) => (
              <Flex vertical>
                <Link to={`/meetings/${r.meeting.id}#resolution-${r.id}`}>{r.meeting.title}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {format.date(r.meeting.meetingDate)}
                </Typography.Text>
              </Flex>
            ),
          },
          { title: t('meetings:resolutions.progress'), dataIndex: 'progressNote', render: (note: string | null) => <div style={{ maxWidth: 320, whiteSpace: 'pre-wrap' }}>{note ?? '—'}</div> },
        ]}
        locale={{ emptyText: t('meetings:tasks.empty') }}
      />
    </Flex>
  );
}

/**
 * Joint meetings (联席会议): the meetings the user's procuratorate convened or their unit attends,
 * and the resolutions to follow up. Agencies open on their own open resolutions.
 */
export default function MeetingsPage() {
  const { t } = useTranslation(['translation', 'meetings']);
  const { permissions, user } = useCurrentSession();
  const [creating, setCreating] = useState(false);
  const agency = user.organization.kind !== 'procuratorate';

  return (
    <PageContainer
      title={t('meetings:title')}
      extra={
        permissions.includes('jointMeeting:schedule') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="schedule-meeting">
            {t('meetings:form.createTitle')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {agency ? t('meetings:list.introAgency') : t('meetings:list.intro')}
      </Typography.Paragraph>
      <Tabs
        defaultActiveKey={agency ? 'tasks' : 'meetings'}
        items={[
          { key: 'meetings', label: t('meetings:list.tab'), children: <MeetingsTable /> },
          { key: 'tasks', label: agency ? t('meetings:tasks.tabAgency') : t('meetings:tasks.tab'), children: <ResolutionsTable agency={agency} /> },
        ]}
      />
      {creating && <MeetingFormModal meeting={null} onClose={() => setCreating(false)} />}
    </PageContainer>
  );
}
