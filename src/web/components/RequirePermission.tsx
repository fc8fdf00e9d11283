import type { ReactNode } from 'react';
import { useCurrentSession } from '../api/session';
import { type MenuPage, mayOpen } from '../menu';
import ForbiddenPage from '../pages/ForbiddenPage';

export function RequirePermission({ page, children }: { page: MenuPage; children: ReactNode }) {
  const { permissions } = useCurrentSession();
  return mayOpen(page, permissions) ? children : <ForbiddenPage />;
}
