import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { errorMessage } from '../api/errors';
import { useSession } from '../api/session';
import { PageLoading } from './PageLoading';

const PASSWORD_PATH = '/profile';

/**
 * The sign-in gate. A user who must change the password (first login, or reset by an
 * administrator) is held on the profile page until they have.
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const { data: session, isPending, error, refetch } = useSession();

  if (isPending) return <PageLoading />;
  if (error) {
    return (
      <Result
        status="error"
        title={errorMessage(error)}
        extra={<Button onClick={() => void refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  if (!session) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  if (session.user.mustChangePassword && location.pathname !== PASSWORD_PATH) {
    return <Navigate to={PASSWORD_PATH} replace />;
  }
  return children;
}
