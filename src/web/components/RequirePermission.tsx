import type { ReactNode } from 'react';
import { useCurrentSession } from '../api/session';
import { mayOpen } from '../menu';
import ForbiddenPage from '../pages/ForbiddenPage';

export function RequirePermission({ page, children }: { page: { permission?: string }; children: ReactNode }) {
  const { permissions } = useCurrentSession();
  return mayOpen(page, permissions) ? children : <ForbiddenPage />;
}
