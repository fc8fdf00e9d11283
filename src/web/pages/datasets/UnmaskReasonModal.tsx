import { Flex, Form, Input, Modal, Radio, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';

/** Unmasking needs a stated reason (DOMAIN §12); the server takes 2–500 characters and audits it. */
export const REASON_MIN = 2;
export const REASON_MAX = 500;

const CHOICES = ['caseHandling', 'clueCheck', 'dataCheck'] as const;
type Choice = (typeof CHOICES)[number] | 'other';

interface Values {
  choice: Choice;
  other?: string;
}

/**
 * Asks why full ID and phone numbers are needed: a common reason, or one in the user's words.
 * The reason is sent in Chinese (the audit log's language) whatever the interface language.
 */
export function UnmaskReasonModal({ open, onCancel, onConfirm }: { open: boolean; onCancel: () => void; onConfirm: (reason: string) => void }) {
  const { t, i18n } = useTranslation(['translation', 'datasets']);
  const [form] = Form.useForm<Values>();
  const choice = Form.useWatch('choice', form);
  const chineseText = (c: (typeof CHOICES)[number]) => i18n.getFixedT('zh-CN', 'datasets')(`unmask.choices.${c}`);

  function submit(values: Values) {
    const reason = values.choice === 'other' ? (values.other ?? '').trim() : chineseText(values.choice);
    form.resetFields();
    onConfirm(reason);
  }

  return (
    <Modal
      open={open}
      title={t('datasets:unmask.title')}
      okText={t('datasets:unmask.confirm')}
      onCancel={() => {
        form.resetFields();
        onCancel();
      }}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'unmask-confirm' } as ButtonProps}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('datasets:unmask.intro')}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ choice: 'caseHandling' }} preserve={false}>
        <Form.Item name="choice" label={t('datasets:unmask.reason')} rules={[{ required: true }]}>
          <Radio.Group data-testid="unmask-reason">
            <Flex vertical gap={8}>
              {CHOICES.map((c) => (
                <Radio key={c} value={c}>
                  {t(`datasets:unmask.choices.${c}`)}
                </Radio>
              ))}
              <Radio value="other">{t('datasets:unmask.choices.other')}</Radio>
            </Flex>
          </Radio.Group>
        </Form.Item>
        {choice === 'other' && (
          <Form.Item
            name="other"
            label={t('datasets:unmask.otherReason')}
            rules={[
              { required: true, whitespace: true, message: t('datasets:unmask.reasonLength') },
              {
                validator: (_, value?: string) => {
                  const length = (value ?? '').trim().length;
                  return length >= REASON_MIN && length <= REASON_MAX ? Promise.resolve() : Promise.reject(new Error(t('datasets:unmask.reasonLength')));
                },
              },
            ]}
          >
            <Input.TextArea rows={2} maxLength={REASON_MAX} showCount data-testid="unmask-other-reason" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
