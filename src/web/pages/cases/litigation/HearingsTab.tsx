import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Descriptions, Empty, Flex, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Hearing, type InternalCase, useRecordHearing } from '../../../api/cases';
import { useFormat } from '../../../format';
import { Prose, isoOf, orNull, reportCaseError, today } from '../shared';

interface HearingValues {
  heldOn: Dayjs;
  place?: string;
  presiding: string;
  participants: { name?: string; role?: string }[];
  summary: string;
  conclusion?: string;
}

function HearingModal({ c, onClose }: { c: InternalCase; onClose: () => void }) {
  const { t } = useTranslation(['translation', 'cases']);
  const { message } = App.useApp();
  const [form] = Form.useForm<HearingValues>();
  const record = useRecordHearing();
  return (
    <Modal
      open
      width={720}
      title={t('cases:hearings.record')}
      okText={t('cases:case.confirm')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={record.isPending}
      okButtonProps={{ 'data-testid': 'hearing-submit' }}
    >
      <Form<HearingValues>
        form={form}
        layout="vertical"
        initialValues={{ heldOn: today(), participants: [{}] }}
        data-testid="hearing-form"
        onFinish={(values) =>
          record.mutate(
            {
              caseId: c.id,
              version: c.version,
              heldOn: isoOf(values.heldOn)!,
              place: values.place?.trim() ?? '',
              presiding: values.presiding.trim(),
              participants: values.participants.filter((p) => p?.name?.trim()).map((p) => ({ name: p.name!.trim(), role: p.role!.trim() })),
              summary: values.summary.trim(),
              conclusion: orNull(values.conclusion),
            },
            {
              onSuccess: () => {
                void message.success(t('cases:hearings.recorded'));
                onClose();
              },
              onError: (error) => reportCaseError(error, message, form),
            },
          )
        }
      >
        <Flex gap={16} wrap>
          <Form.Item name="heldOn" label={t('cases:hearings.heldOn')} rules={[{ required: true }]}>
            <DatePicker allowClear={false} />
          </Form.Item>
          <Form.Item name="place" label={t('cases:hearings.place')} rules={[{ max: 200 }]} style={{ flex: 1, minWidth: 180 }}>
            <Input />
          </Form.Item>
          <Form.Item name="presiding" label={t('cases:hearings.presiding')} rules={[{ required: true, whitespace: true, max: 100 }]} style={{ width: 180 }}>
            <Input />
          </Form.Item>
        </Flex>
        <Form.Item label={t('cases:hearings.participants')} required>
          <Form.List
            name="participants"
            rules={[{ validator: async (_, list: HearingValues['participants']) => (list?.some((p) => p?.name?.trim()) ? undefined : Promise.reject(new Error(t('cases:hearings.participantsRequired')))) }]}
          >
            {(fields, { add, remove }, { errors }) => (
              <Flex vertical gap={8}>
                {fields.map((field, index) => (
                  <Flex key={field.key} gap={8} align="baseline" data-testid={`participant-${index}`}>
                    <Form.Item name={[field.name, 'name']} rules={[{ max: 100 }]} style={{ flex: 1, marginBottom: 0 }}>
                      <Input placeholder={t('cases:hearings.participantName')} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'role']}
                      dependencies={[['participants', field.name, 'name']]}
                      rules={[
                        ({ getFieldValue }) => ({
                          required: !!getFieldValue(['participants', field.name, 'name'])?.trim(),
                          whitespace: true,
                          message: t('cases:hearings.participantRole'),
                        }),
                        { max: 100 },
                      ]}
                      style={{ flex: 1, marginBottom: 0 }}
                    >
                      <Input placeholder={t('cases:hearings.participantRolePlaceholder')} />
                    </Form.Item>
                    <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('cases:review.remove')} onClick={() => remove(field.name)} />
                  </Flex>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ alignSelf: 'flex-start' }} data-testid="add-participant">
                  {t('cases:hearings.addParticipant')}
                </Button>
                <Form.ErrorList errors={errors} />
              </Flex>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="summary" label={t('cases:hearings.summary')} rules={[{ required: true, whitespace: true, max: 20000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
        </Form.Item>
        <Form.Item name="conclusion" label={t('cases:hearings.conclusion')} rules={[{ max: 5000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function HearingCard({ hearing: h }: { hearing: Hearing }) {
  const { t } = useTranslation(['translation', 'cases']);
  const format = useFormat();
  return (
    <Card size="small" title={`${format.date(h.heldOn)}${h.place ? ` · ${h.place}` : ''}`} data-testid="hearing">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'presiding', label: t('cases:hearings.presiding'), children: h.presiding },
          { key: 'recordedBy', label: t('cases:hearings.recordedBy'), children: h.recordedBy },
          { key: 'participants', label: t('cases:hearings.participants'), span: 'filled' as const, children: h.participants.map((p) => `${p.name}（${p.role}）`).join('、') },
          { key: 'summary', label: t('cases:hearings.summary'), span: 'filled' as const, children: <Prose text={h.summary} /> },
          ...(h.conclusion ? [{ key: 'conclusion', label: t('cases:hearings.conclusion'), span: 'filled' as const, children: <Prose text={h.conclusion} /> }] : []),
        ]}
      />
    </Card>
  );
}

/** 听证: the hearings held in the case (any kind of case), and a new one recorded by who works it. */
export function HearingsTab({ c, editable }: { c: InternalCase; editable: boolean }) {
  const { t } = useTranslation(['translation', 'cases']);
  const [recording, setRecording] = useState(false);
  return (
    <Flex vertical gap={12}>
      {editable && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)} style={{ alignSelf: 'flex-start' }} data-testid="record-hearing">
          {t('cases:hearings.record')}
        </Button>
      )}
      {c.hearings.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases:hearings.empty')} /> : c.hearings.map((h) => <HearingCard key={h.id} hearing={h} />)}
      {recording && <HearingModal c={c} onClose={() => setRecording(false)} />}
    </Flex>
  );
}
