import { App, Checkbox, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Meeting, type MeetingResolution, type Resolution, type ResolutionChanges, useAddResolution, useUpdateResolution } from '../../api/jointMeetings';
import { ConflictAlert } from '../../components/ConflictAlert';
import { conflictCurrent } from '../../forms';
import { useFormat } from '../../format';
import { reportMeetingError } from './shared';

const DATE = 'YYYY-MM-DD';

/** The units that may own a resolution: the convener and every unit at the meeting. */
function ownerOptions(meeting: Meeting) {
  const units = [meeting.convener, ...meeting.participants.map((p) => p.organization).filter((o) => o.id !== meeting.convener.id)];
  return units.map((o) => ({ value: o.id, label: o.name }));
}

interface AddValues {
  text: string;
  ownerOrganizationId: string;
  dueDate: Dayjs;
}

/** A resolution of a held meeting: what is to be done, by which unit, by when. */
export function AddResolutionModal({ meeting, onClose }: { meeting: Meeting; onClose: () => void }) {
  const { t } = useTranslation(['translation', 'meetings']);
  const { message } = App.useApp();
  const [form] = Form.useForm<AddValues>();
  const add = useAddResolution();

  function submit(values: AddValues) {
    add.mutate(
      { meetingId: meeting.id, text: values.text.trim(), ownerOrganizationId: values.ownerOrganizationId, dueDate: values.dueDate.format(DATE) },
      {
        onSuccess: () => {
          void message.success(t('meetings:resolutions.added'));
          onClose();
        },
        onError: (error) => reportMeetingError(error, message, form),
      },
    );
  }

  return (
    <Modal open title={t('meetings:resolutions.add')} okText={t('common.save')} onOk={() => form.submit()} onCancel={onClose} confirmLoading={add.isPending} okButtonProps={{ 'data-testid': 'resolution-form-submit' }}>
      <Form<AddValues> form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="text" label={t('meetings:resolutions.text')} rules={[{ required: true, whitespace: true, max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="resolution-text" />
        </Form.Item>
        <Form.Item name="ownerOrganizationId" label={t('meetings:resolutions.owner')} rules={[{ required: true }]}>
          <Select options={ownerOptions(meeting)} data-testid="resolution-owner" />
        </Form.Item>
        <Form.Item name="dueDate" label={t('meetings:resolutions.dueDate')} rules={[{ required: true }]}>
          <DatePicker data-testid="resolution-due" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface UpdateValues {
  progressNote?: string;
  done?: boolean;
  text?: string;
  ownerOrganizationId?: string;
  dueDate?: Dayjs;
}

function valuesOf(resolution: Resolution): UpdateValues {
  return {
    progressNote: resolution.progressNote ?? '',
    done: resolution.status === 'done',
    text: resolution.text,
    ownerOrganizationId: resolution.owner.id,
    dueDate: dayjs(resolution.dueDate, DATE),
  };
}

/**
 * The owner unit records progress and marks the resolution done; the convener may also correct
 * what was resolved, the owner and the due date. Someone else's save in between is shown, not
 * overwritten.
 */
export function UpdateResolutionModal({ meeting, resolution, onClose }: { meeting: Meeting; resolution: MeetingResolution; onClose: () => void }) {
  const { t } = useTranslation(['translation', 'meetings']);
  const { message } = App.useApp();
  const format = useFormat();
  const [form] = Form.useForm<UpdateValues>();
  const [baseline, setBaseline] = useState<Resolution>(resolution);
  const [conflict, setConflict] = useState<Resolution | null>(null);
  const update = useUpdateResolution();
  const { correct, complete } = resolution.can;

  function submit(values: UpdateValues) {
    const before = valuesOf(baseline);
    const changes: ResolutionChanges = { version: baseline.version };
    const note = values.progressNote?.trim() ?? '';
    if (note !== (before.progressNote ?? '')) changes.progressNote = note || null;
    if (values.done && baseline.status === 'open') changes.status = 'done';
    if (correct) {
      if (values.text && values.text.trim() !== baseline.text) changes.text = values.text.trim();
      if (values.ownerOrganizationId && values.ownerOrganizationId !== baseline.owner.id) changes.ownerOrganizationId = values.ownerOrganizationId;
      if (values.dueDate && values.dueDate.format(DATE) !== baseline.dueDate) changes.dueDate = values.dueDate.format(DATE);
    }
    update.mutate(
      { meetingId: meeting.id, id: baseline.id, ...changes },
      {
        onSuccess: () => {
          void message.success(t('common.saved'));
          onClose();
        },
        onError: (error) => {
          const current = conflictCurrent<Resolution>(error);
          if (current) setConflict(current);
          else reportMeetingError(error, message, form);
        },
      },
    );
  }

  function loadCurrent(current: Resolution) {
    form.setFieldsValue(valuesOf(current));
    setBaseline(current);
    setConflict(null);
  }

  return (
    <Modal
      open
      title={t('meetings:resolutions.updateTitle', { seq: resolution.seq })}
      okText={t('common.save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={update.isPending}
      okButtonProps={{ 'data-testid': 'resolution-update-submit' }}
    >
      {conflict && (
        <ConflictAlert
          onReload={() => loadCurrent(conflict)}
          current={[
            { key: 'status', label: t('meetings:resolutions.status'), children: t(`meetings:resolutionStatuses.${conflict.status}`) },
            { key: 'progress', label: t('meetings:resolutions.progress'), children: conflict.progressNote ?? '—' },
            { key: 'due', label: t('meetings:resolutions.dueDate'), children: format.date(conflict.dueDate) },
          ]}
        />
      )}
      <Form<UpdateValues> form={form} layout="vertical" onFinish={submit} initialValues={valuesOf(resolution)}>
        {correct ? (
          <>
            <Form.Item name="text" label={t('meetings:resolutions.text')} rules={[{ required: true, whitespace: true, max: 2000 }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
            </Form.Item>
            <Form.Item name="ownerOrganizationId" label={t('meetings:resolutions.owner')} rules={[{ required: true }]}>
              <Select options={ownerOptions(meeting)} />
            </Form.Item>
            <Form.Item name="dueDate" label={t('meetings:resolutions.dueDate')} rules={[{ required: true }]}>
              <DatePicker allowClear={false} />
            </Form.Item>
          </>
        ) : (
          <Form.Item label={t('meetings:resolutions.text')}>{resolution.text}</Form.Item>
        )}
        <Form.Item name="progressNote" label={t('meetings:resolutions.progress')} rules={[{ max: 5000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} placeholder={t('meetings:resolutions.progressPlaceholder')} data-testid="resolution-progress" />
        </Form.Item>
        {complete && (
          <Form.Item name="done" valuePropName="checked">
            <Checkbox data-testid="resolution-done">{t('meetings:resolutions.markDone')}</Checkbox>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
