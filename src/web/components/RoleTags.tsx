import { Flex, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../api/types';

export function RoleTags({ roles }: { roles: readonly Role[] }) {
  const { t } = useTranslation();
  return (
    <Flex gap={4} wrap>
      {roles.map((role) => (
        <Tag key={role} color="blue" variant="outlined">
          {t(`roles.${role}`)}
        </Tag>
      ))}
    </Flex>
  );
}
