import { Alert, Button, Descriptions, type DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';

/** Tells the editor someone else saved first, shows what is stored now, and offers to load it. */
export function ConflictAlert({ current, onReload }: { current: DescriptionsProps['items']; onReload: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('conflict.title')}
      description={
        <>
          <div style={{ marginBottom: 8 }}>{t('conflict.description')}</div>
          <Descriptions size="small" column={1} bordered items={current} />
        </>
      }
      action={
        <Button size="small" onClick={onReload}>
          {t('conflict.reload')}
        </Button>
      }
    />
  );
}
