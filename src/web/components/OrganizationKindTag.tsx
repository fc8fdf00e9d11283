import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrganizationKind } from '../api/types';

const COLORS: Record<OrganizationKind, string> = { procuratorate: 'red', agency: 'blue', justice_bureau: 'green', court: 'purple', external_procuratorate: 'magenta' };

export function OrganizationKindTag({ kind }: { kind: OrganizationKind }) {
  const { t } = useTranslation();
  return <Tag color={COLORS[kind]}>{t(`organizationKinds.${kind}`)}</Tag>;
}
