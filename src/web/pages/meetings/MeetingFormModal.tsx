import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Flex, Form, Input, Modal, Select, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { type Meeting, type MeetingFields, useMeetingOrganizations, useScheduleMeeting, useUpdateMeeting } from '../../api/jointMeetings';
import { ConflictAlert } from '../../components/ConflictAlert';
import { conflictCurrent, patchOf } from '../../forms';
import { useFormat } from '../../format';
import { meetingWhen, reportMeetingError } from './shared';

interface FormValues {
  title: string;
  meetingDate: Dayjs;
  startTime?: Dayjs | null;
  location?: string;
  agenda?: string;
  participants: { organizationId?: string; attendees?: string }[];
}

const DATE = 'YYYY-MM-DD';
const TIME = 'HH:mm';

function valuesOf(meeting: Meeting): FormValues {
  return {
    title: meeting.title,
    meetingDate: dayjs(meeting.meetingDate, DATE),
    startTime: meeting.startTime ? dayjs(meeting.startTime, TIME) : null,
    location: meeting.location ?? '',
    agenda: meeting.agenda,
    participants: meeting.participants.map((p) => ({ organizationId: p.organization.id, attendees: p.attendees })),
  };
}

function fieldsOf(values: FormValues): MeetingFields {
  return {
    title: values.title.trim(),
    meetingDate: values.meetingDate.format(DATE),
    startTime: values.startTime ? values.startTime.format(TIME) : null,
    location: values.location?.trim() || null,
    agenda: values.agenda ?? '',
    participants: values.participants
      .filter((p): p is { organizationId: string; attendees?: string } => Boolean(p.organizationId))
      .map((p) => ({ organizationId: p.organizationId, attendees: p.attendees?.trim() ?? '' })),
  };
}

/**
 * Schedules a meeting (`meeting` null) or changes one: title, date and time, place, agenda, and
 * the units taking part with the names of the people they send.
 */
export function MeetingFormModal({ meeting, onClose }: { meeting: Meeting | null; onClose: () => void }) {
  const { t } = useTranslation(['translation', 'meetings']);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const format = useFormat();
  const [form] = Form.useForm<FormValues>();
  const [baseline, setBaseline] = useState(meeting);
  const [conflict, setConflict] = useState<Meeting | null>(null);
  const organizations = useMeetingOrganizations().data?.items ?? [];
  const schedule = useScheduleMeeting();
  const update = useUpdateMeeting();
  /** A unit that owns a resolution must stay (the server refuses otherwise). */
  const owners = new Set(baseline?.resolutions.map((r) => r.owner.id) ?? []);

  function onError(error: unknown) {
    const current = conflictCurrent<Meeting>(error);
    if (current) setConflict(current);
    else reportMeetingError(error, message, form);
  }

  function submit(values: FormValues) {
    const fields = fieldsOf(values);
    if (!baseline) {
      schedule.mutate(fields, {
        onSuccess: (created) => {
          void message.success(t('meetings:form.scheduled'));
          onClose();
          void navigate(`/meetings/${created.id}`);
        },
        onError,
      });
      return;
    }
    const changes = patchOf(fields, fieldsOf(valuesOf(baseline)));
    // patchOf sends a cleared field as null; an agenda is text, possibly empty.
    if (changes.agenda === null) changes.agenda = '';
    update.mutate(
      { id: baseline.id, version: baseline.version, ...changes },
      {
        onSuccess: () => {
          void message.success(t('common.saved'));
          onClose();
        },
        onError,
      },
    );
  }

  function loadCurrent(current: Meeting) {
    form.setFieldsValue(valuesOf(current));
    setBaseline(current);
    setConflict(null);
  }

  return (
    <Modal
      open
      width={720}
      title={baseline ? t('meetings:form.editTitle') : t('meetings:form.createTitle')}
      okText={baseline ? t('common.save') : t('meetings:form.schedule')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={schedule.isPending || update.isPending}
      okButtonProps={{ 'data-testid': 'meeting-form-submit' }}
    >
      {conflict && (
        <ConflictAlert
          onReload={() => loadCurrent(conflict)}
          current={[
            { key: 'title', label: t('meetings:fields.title'), children: conflict.title },
            { key: 'when', label: t('meetings:fields.when'), children: meetingWhen(format, conflict) },
            { key: 'location', label: t('meetings:fields.location'), children: conflict.location ?? '—' },
            { key: 'participants', label: t('meetings:fields.participants'), children: conflict.participants.map((p) => p.organization.shortName).join('、') },
          ]}
        />
      )}
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={meeting ? valuesOf(meeting) : { participants: [{}], agenda: '' }}
        data-testid="meeting-form"
      >
        <Form.Item name="title" label={t('meetings:fields.title')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input data-testid="meeting-title" />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item name="meetingDate" label={t('meetings:fields.date')} rules={[{ required: true }]}>
            <DatePicker allowClear={false} data-testid="meeting-date" />
          </Form.Item>
          <Form.Item name="startTime" label={t('meetings:fields.startTime')}>
            <TimePicker format={TIME} minuteStep={5} needConfirm={false} data-testid="meeting-time" />
          </Form.Item>
          <Form.Item name="location" label={t('meetings:fields.location')} rules={[{ max: 200 }]} style={{ flex: 1, minWidth: 200 }}>
            <Input />
          </Form.Item>
        </Flex>
        <Form.Item name="agenda" label={t('meetings:fields.agenda')} rules={[{ max: 20000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} data-testid="meeting-agenda" />
        </Form.Item>
        <Form.Item label={t('meetings:fields.participants')} required>
          <Form.List
            name="participants"
            rules={[
              {
                validator: async (_, value: FormValues['participants']) => {
                  if (!value?.some((p) => p?.organizationId)) throw new Error(t('meetings:form.participantsRequired'));
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <Flex vertical gap={8}>
                {fields.map((field) => {
                  const organizationId = form.getFieldValue(['participants', field.name, 'organizationId']) as string | undefined;
                  const locked = !!organizationId && owners.has(organizationId);
                  return (
                    <Flex key={field.key} gap={8} align="baseline">
                      <Form.Item name={[field.name, 'organizationId']} style={{ width: 280, marginBottom: 0 }} rules={[{ required: true, message: t('meetings:form.unitRequired') }]}>
                        <Select
                          showSearch={{ optionFilterProp: 'label' }}
                          placeholder={t('meetings:fields.unit')}
                          disabled={locked}
                          options={organizations.map((o) => ({ value: o.id, label: o.name }))}
                          data-testid="participant-unit"
                        />
                      </Form.Item>
                      <Form.Item name={[field.name, 'attendees']} style={{ flex: 1, marginBottom: 0 }} rules={[{ max: 500 }]}>
                        <Input placeholder={t('meetings:fields.attendeesPlaceholder')} data-testid="participant-attendees" />
                      </Form.Item>
                      <Button
                        type="text"
                        icon={<MinusCircleOutlined />}
                        disabled={locked}
                        title={locked ? t('meetings:form.ownerLocked') : t('meetings:form.removeUnit')}
                        aria-label={t('meetings:form.removeUnit')}
                        onClick={() => remove(field.name)}
                      />
                    </Flex>
                  );
                })}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} data-testid="add-participant">
                  {t('meetings:form.addUnit')}
                </Button>
                <Form.ErrorList errors={errors} />
              </Flex>
            )}
          </Form.List>
        </Form.Item>
      </Form>
    </Modal>
  );
}
