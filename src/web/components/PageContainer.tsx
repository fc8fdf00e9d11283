import { Breadcrumb, type BreadcrumbProps, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/**
 * The frame of every page: where it sits (for pages opened from other pages), its title, actions
 * on the right, then the content.
 */
export function PageContainer({
  title,
  extra,
  breadcrumb,
  children,
}: {
  title: ReactNode;
  extra?: ReactNode;
  breadcrumb?: BreadcrumbProps['items'];
  children: ReactNode;
}) {
  return (
    <Flex vertical gap={16}>
      {breadcrumb && <Breadcrumb items={breadcrumb} />}
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {extra}
      </Flex>
      {children}
    </Flex>
  );
}
