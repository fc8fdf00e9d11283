import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession, useUpdateProfile } from '../api/session';
import { type Locale, chooseLocale, currentLocale } from '../i18n';

const OPTIONS: { label: string; value: Locale }[] = [
  { label: '中文', value: 'zh-CN' },
  { label: 'English', value: 'en-US' },
];

/** Switches the language now, remembers it in this browser and, when signed in, on the server. */
export function LocaleSwitch() {
  useTranslation(); // re-render when the language changes
  const { data: session } = useSession();
  const updateProfile = useUpdateProfile();

  function switchTo(locale: Locale) {
    chooseLocale(locale);
    if (session) updateProfile.mutate({ locale });
  }

  return (
    <Segmented<Locale>
      data-testid="locale-switch"
      size="small"
      options={OPTIONS}
      value={currentLocale()}
      onChange={switchTo}
    />
  );
}
