import { Flex, Form, Input, Modal, Radio, Switch, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Common reasons, offered as choices; "other" asks for the reason in words. */
const CHOICES = ['caseHandling', 'clueVerification', 'identityCheck', 'other'] as const;
type Choice = (typeof CHOICES)[number];

export const UNMASK_REASON_MIN = 2;
export const UNMASK_REASON_MAX = 500;

/**
 * Asks why full ID numbers are needed (DOMAIN §12: unmasking needs a stated reason): a common
 * choice, or words of one's own, 2–500 characters. The reason goes to the server with the request
 * and into the audit log with who, when and what.
 */
export function UnmaskReasonModal({ open, onOk, onCancel }: { open: boolean; onOk: (reason: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ choice: Choice; details?: string }>();
  const choice = Form.useWatch('choice', form);

  function submit(values: { choice: Choice; details?: string }) {
    const details = values.details?.trim() ?? '';
    const reason = values.choice === 'other' ? details : [t(`hits.unmaskReason.choices.${values.choice}`), details].filter(Boolean).join('：');
    onOk(reason.slice(0, UNMASK_REASON_MAX));
    form.resetFields();
  }

  return (
    <Modal
      open={open}
      title={t('hits.unmaskReason.title')}
      okText={t('hits.unmaskReason.ok')}
      onOk={() => form.submit()}
      onCancel={() => {
        form.resetFields();
        onCancel();
      }}
      okButtonProps={{ ...({ 'data-testid': 'unmask-reason-ok' } as object) }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('hits.unmaskReason.hint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ choice: 'caseHandling' }} onFinish={submit} data-testid="unmask-reason-form">
        <Form.Item name="choice" label={t('hits.unmaskReason.label')}>
          <Radio.Group>
            <Flex vertical gap={4}>
              {CHOICES.map((c) => (
                <Radio key={c} value={c} data-testid={`unmask-reason-${c}`}>
                  {t(`hits.unmaskReason.choices.${c}`)}
                </Radio>
              ))}
            </Flex>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="details"
          label={choice === 'other' ? t('hits.unmaskReason.details') : t('hits.unmaskReason.detailsOptional')}
          rules={[
            {
              validator: async (_, value?: string) => {
                const length = value?.trim().length ?? 0;
                if (choice === 'other' && length < UNMASK_REASON_MIN) throw new Error(t('hits.unmaskReason.required'));
              },
            },
          ]}
        >
          <Input.TextArea rows={3} maxLength={UNMASK_REASON_MAX - 20} showCount placeholder={t('hits.unmaskReason.placeholder')} data-testid="unmask-reason-text" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * The unmask switch of hit lists and hit pages: turning it on first asks for the reason; the
 * reason (null: masked) is what the page sends with its requests.
 */
export function UnmaskReasonSwitch({ reason, onChange }: { reason: string | null; onChange: (reason: string | null) => void }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  return (
    <>
      <Tooltip title={t('hits.unmaskLogged')}>
        <Flex gap={8} align="center">
          <Switch
            size="small"
            checked={reason !== null}
            onChange={(checked) => (checked ? setAsking(true) : onChange(null))}
            data-testid="unmask-switch"
            aria-label={t('hits.unmask')}
          />
          <Typography.Text>{t('hits.unmask')}</Typography.Text>
        </Flex>
      </Tooltip>
      <UnmaskReasonModal
        open={asking}
        onCancel={() => setAsking(false)}
        onOk={(given) => {
          setAsking(false);
          onChange(given);
        }}
      />
    </>
  );
}
