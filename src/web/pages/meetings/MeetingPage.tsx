import { DownloadOutlined, EditOutlined, PlusOutlined, StopOutlined, UndoOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Flex, Form, Input, Modal, Popconfirm, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { type Meeting, type MeetingResolution, meetingRecordUrl, useCancelMeeting, useMeeting, useRecordMinutes, useUpdateResolution } from '../../api/jointMeetings';
import { ConflictAlert } from '../../components/ConflictAlert';
import { PageContainer } from '../../components/PageContainer';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { conflictCurrent } from '../../forms';
import { useFormat } from '../../format';
import { MeetingFormModal } from './MeetingFormModal';
import { AddResolutionModal, UpdateResolutionModal } from './ResolutionModals';
import { MeetingStatusTag, Prose, StandingTag, meetingWhen, reportMeetingError } from './shared';

function FactsCard({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation(['translation', 'meetings']);
  const format = useFormat();
  return (
    <Card title={t('meetings:detail.facts')}>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        items={[
          { key: 'status', label: t('meetings:fields.status'), children: <MeetingStatusTag status={meeting.status} /> },
          { key: 'when', label: t('meetings:fields.when'), children: <span data-testid="meeting-when">{meetingWhen(format, meeting)}</span> },
          { key: 'location', label: t('meetings:fields.location'), children: meeting.location ?? '—' },
          { key: 'convener', label: t('meetings:fields.convener'), children: meeting.convener.name },
          { key: 'createdBy', label: t('meetings:fields.createdBy'), children: `${meeting.createdBy} · ${format.dateTime(meeting.createdAt)}` },
          ...(meeting.cancelReason ? [{ key: 'cancel', label: t('meetings:fields.cancelReason'), children: meeting.cancelReason }] : []),
        ]}
      />
    </Card>
  );
}

function ParticipantsCard({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation(['translation', 'meetings']);
  return (
    <Card title={t('meetings:fields.participants')}>
      <Table
        data-testid="participants-table"
        size="small"
        rowKey={(p) => p.organization.id}
        pagination={false}
        dataSource={meeting.participants}
        columns={[
          { title: t('meetings:fields.unit'), key: 'unit', render: (_, p) => p.organization.name },
          { title: t('meetings:fields.attendees'), dataIndex: 'attendees', render: (attendees: string) => attendees || '—' },
        ]}
      />
    </Card>
  );
}

/** The minutes (会议纪要) as recorded; the convener records them, which makes the meeting held. */
function MinutesCard({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation(['translation', 'meetings']);
  const { message } = App.useApp();
  const format = useFormat();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState('');
  const [conflict, setConflict] = useState<Meeting | null>(null);
  const [version, setVersion] = useState(meeting.version);
  const record = useRecordMinutes();

  function start() {
    setText(meeting.minutes ?? '');
    setVersion(meeting.version);
    setConflict(null);
    setEditing(true);
  }

  function save() {
    record.mutate(
      { id: meeting.id, version, minutes: text },
      {
        onSuccess: () => {
          void message.success(meeting.status === 'scheduled' ? t('meetings:minutes.recordedHeld') : t('common.saved'));
          setEditing(false);
        },
        onError: (error) => {
          const current = conflictCurrent<Meeting>(error);
          if (current) setConflict(current);
          else reportMeetingError(error, message);
        },
      },
    );
  }

  return (
    <Card
      title={t('meetings:fields.minutes')}
      extra={
        meeting.can.recordMinutes &&
        !editing && (
          <Button icon={<EditOutlined />} onClick={start} data-testid="edit-minutes">
            {meeting.minutes ? t('meetings:minutes.edit') : t('meetings:minutes.record')}
          </Button>
        )
      }
    >
      {editing ? (
        <Flex vertical gap={8}>
          {conflict && (
            <ConflictAlert
              onReload={() => {
                setText(conflict.minutes ?? '');
                setVersion(conflict.version);
                setConflict(null);
              }}
              current={[
                { key: 'status', label: t('meetings:fields.status'), children: <MeetingStatusTag status={conflict.status} /> },
                { key: 'minutes', label: t('meetings:fields.minutes'), children: <Prose text={conflict.minutes} /> },
              ]}
            />
          )}
          {meeting.status === 'scheduled' && <Typography.Text type="secondary">{t('meetings:minutes.heldHint')}</Typography.Text>}
          <Input.TextArea value={text} onChange={(e) => setText(e.target.value)} autoSize={{ minRows: 6, maxRows: 20 }} maxLength={50000} data-testid="minutes-input" />
          <Flex gap={8} justify="end">
            <Button onClick={() => setEditing(false)}>{t('meetings:actions.cancelEditing')}</Button>
            <Button type="primary" loading={record.isPending} disabled={!text.trim()} onClick={save} data-testid="save-minutes">
              {t('common.save')}
            </Button>
          </Flex>
        </Flex>
      ) : (
        <Flex vertical gap={8}>
          <Prose text={meeting.minutes} testId="meeting-minutes" />
          {meeting.minutesRecordedBy && (
            <Typography.Text type="secondary">{t('meetings:minutes.recordedBy', { name: meeting.minutesRecordedBy, time: format.dateTime(meeting.minutesRecordedAt) })}</Typography.Text>
          )}
        </Flex>
      )}
    </Card>
  );
}

function ResolutionsCard({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation(['translation', 'meetings']);
  const { message } = App.useApp();
  const format = useFormat();
  const { hash } = useLocation();
  const [adding, setAdding] = useState(false);
  const [updating, setUpdating] = useState<MeetingResolution | null>(null);
  const update = useUpdateResolution();
  const highlighted = hash.startsWith('#resolution-') ? hash.slice('#resolution-'.length) : null;

  // Opened from the home page's pending work: bring that resolution into view.
  useEffect(() => {
    if (highlighted) document.getElementById(`resolution-${highlighted}`)?.scrollIntoView({ block: 'center' });
  }, [highlighted]);

  function reopen(resolution: MeetingResolution) {
    update.mutate(
      { meetingId: meeting.id, id: resolution.id, version: resolution.version, status: 'open' },
      { onSuccess: () => void message.success(t('meetings:resolutions.reopened')), onError: (error) => reportMeetingError(error, message) },
    );
  }

  return (
    <Card
      title={t('meetings:resolutions.title')}
      extra={
        meeting.can.addResolution && (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-resolution">
            {t('meetings:resolutions.add')}
          </Button>
        )
      }
    >
      {meeting.status === 'scheduled' && meeting.can.edit && (
        <Typography.Paragraph type="secondary">{t('meetings:resolutions.afterHeld')}</Typography.Paragraph>
      )}
      <Table<MeetingResolution>
        data-testid="resolutions-table"
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={meeting.resolutions}
        scroll={{ x: 'max-content' }}
        onRow={(r) => ({ id: `resolution-${r.id}`, style: r.id === highlighted ? { background: '#fffbe6' } : undefined })}
        columns={[
          { title: t('meetings:resolutions.seq'), dataIndex: 'seq', width: 60 },
          { title: t('meetings:resolutions.text'), dataIndex: 'text', render: (text: string) => <div style={{ maxWidth: 420, whiteSpace: 'pre-wrap' }}>{text}</div> },
          { title: t('meetings:resolutions.owner'), key: 'owner', render: (_, r) => r.owner.name },
          { title: t('meetings:resolutions.dueDate'), dataIndex: 'dueDate', render: (due: string) => format.date(due) },
          { title: t('meetings:resolutions.status'), key: 'standing', render: (_, r) => <StandingTag resolution={r} /> },
          {
            title: t('meetings:resolutions.progress'),
            key: 'progress',
            render: (_, r) => (
              <Flex vertical style={{ maxWidth: 320 }}>
                <span style={{ whiteSpace: 'pre-wrap' }}>{r.progressNote ?? '—'}</span>
                {r.progressBy && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.progressBy} · {format.dateTime(r.progressAt)}
                  </Typography.Text>
                )}
                {r.completedAt && (
                  <Typography.Text type="success" style={{ fontSize: 12 }}>
                    {t('meetings:resolutions.completedBy', { name: r.completedBy ?? '—', time: format.dateTime(r.completedAt) })}
                  </Typography.Text>
                )}
              </Flex>
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, r) => (
              <Flex gap={4}>
                {r.can.update && (
                  <Button size="small" onClick={() => setUpdating(r)} data-testid="update-resolution">
                    {t('meetings:resolutions.update')}
                  </Button>
                )}
                {r.can.reopen && (
                  <Popconfirm title={t('meetings:resolutions.reopenConfirm')} onConfirm={() => reopen(r)}>
                    <Button size="small" icon={<UndoOutlined />} data-testid="reopen-resolution">
                      {t('meetings:resolutions.reopen')}
                    </Button>
                  </Popconfirm>
                )}
              </Flex>
            ),
          },
        ]}
        locale={{ emptyText: t('meetings:resolutions.none') }}
      />
      {adding && <AddResolutionModal meeting={meeting} onClose={() => setAdding(false)} />}
      {updating && <UpdateResolutionModal meeting={meeting} resolution={updating} onClose={() => setUpdating(null)} />}
    </Card>
  );
}

function CancelModal({ meeting, onClose }: { meeting: Meeting; onClose: () => void }) {
  const { t } = useTranslation(['translation', 'meetings']);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const cancel = useCancelMeeting();
  return (
    <Modal
      open
      title={t('meetings:cancel.title')}
      okText={t('meetings:cancel.confirm')}
      okButtonProps={{ danger: true }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={cancel.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={({ reason }) =>
          cancel.mutate(
            { id: meeting.id, version: meeting.version, reason: reason.trim() },
            {
              onSuccess: () => {
                void message.success(t('meetings:cancel.done'));
                onClose();
              },
              onError: (error) => reportMeetingError(error, message, form),
            },
          )
        }
      >
        <Form.Item name="reason" label={t('meetings:fields.cancelReason')} rules={[{ required: true, whitespace: true, max: 1000 }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} data-testid="cancel-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One joint meeting: its facts, units and attendees, agenda, minutes and tracked resolutions. */
export default function MeetingPage() {
  const { t } = useTranslation(['translation', 'meetings']);
  const { id = '' } = useParams();
  const meeting = useMeeting(id);
  const [editing, setEditing] = useState(false);
  const [cancelling, setCancelling] = useState(false);

  if (meeting.isPending) return <PageLoading />;
  if (meeting.error) return <QueryError error={meeting.error} onRetry={() => void meeting.refetch()} />;
  const m = meeting.data;

  return (
    <PageContainer
      title={
        <Flex gap={8} align="center" wrap>
          <span data-testid="meeting-title-heading">{m.title}</span>
          <MeetingStatusTag status={m.status} />
        </Flex>
      }
      breadcrumb={[{ title: <Link to="/meetings">{t('meetings:title')}</Link> }, { title: m.title }]}
      extra={
        <Flex gap={8} wrap>
          <Button icon={<DownloadOutlined />} href={meetingRecordUrl(m.id)} data-testid="export-record">
            {t('meetings:actions.export')}
          </Button>
          {m.can.edit && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-meeting">
              {t('common.edit')}
            </Button>
          )}
          {m.can.cancel && (
            <Button danger icon={<StopOutlined />} onClick={() => setCancelling(true)} data-testid="cancel-meeting">
              {t('meetings:cancel.title')}
            </Button>
          )}
        </Flex>
      }
    >
      <FactsCard meeting={m} />
      <ParticipantsCard meeting={m} />
      <Card title={t('meetings:fields.agenda')}>
        <Prose text={m.agenda} testId="meeting-agenda" />
      </Card>
      <MinutesCard meeting={m} />
      <ResolutionsCard meeting={m} />
      {editing && <MeetingFormModal meeting={m} onClose={() => setEditing(false)} />}
      {cancelling && <CancelModal meeting={m} onClose={() => setCancelling(false)} />}
    </PageContainer>
  );
}
