import { App, Button, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reportError } from '../../api/errors';
import { patchOf } from '../../forms';
import { type ProfileChanges, useCurrentSession, useUpdateProfile } from '../../api/session';
import { LOCALES, type Locale, chooseLocale, currentLocale } from '../../i18n';

const LOCALE_NAMES: Record<Locale, string> = { 'zh-CN': '中文', 'en-US': 'English' };

interface ProfileValues {
  displayName: string;
  locale: Locale;
  phone: string | null;
  email: string | null;
}

export function ProfileForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProfileValues>();
  const { user } = useCurrentSession();
  const updateProfile = useUpdateProfile();

  // What the form was last loaded or saved with; only differences are sent.
  const [saved, setSaved] = useState<ProfileValues>(() => ({
    displayName: user.displayName,
    phone: user.phone ?? '',
    email: user.email ?? '',
    locale: currentLocale(),
  }));

  function save(values: ProfileValues) {
    const changes: ProfileChanges = patchOf(values, saved);
    if (Object.keys(changes).length === 0) {
      void message.info(t('profile.noChanges'));
      return;
    }
    updateProfile.mutate(changes, {
      onSuccess: () => {
        if (changes.locale) chooseLocale(changes.locale);
        setSaved(values);
        void message.success(t('common.saved'));
      },
      onError: (error) => reportError(error, message, form),
    });
  }

  return (
    <Form<ProfileValues>
      form={form}
      layout="vertical"
      style={{ maxWidth: 480 }}
      onFinish={save}
      initialValues={saved}
    >
      <Form.Item name="displayName" label={t('user.displayName')} rules={[{ required: true, whitespace: true }]}>
        <Input autoComplete="name" />
      </Form.Item>
      <Form.Item name="phone" label={t('user.phone')}>
        <Input autoComplete="tel" />
      </Form.Item>
      <Form.Item name="email" label={t('user.email')} rules={[{ type: 'email' }]}>
        <Input autoComplete="email" />
      </Form.Item>
      <Form.Item name="locale" label={t('user.locale')}>
        <Select options={LOCALES.map((locale) => ({ value: locale, label: LOCALE_NAMES[locale] }))} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={updateProfile.isPending}>
        {t('common.save')}
      </Button>
    </Form>
  );
}
