import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { Suspense, lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Route, Routes } from 'react-router';
import { queryClient } from './api/queryClient';
import { AppLayout } from './components/AppLayout';
import { PageLoading } from './components/PageLoading';
import { RequirePermission } from './components/RequirePermission';
import { RequireSession } from './components/RequireSession';
import { MENU_PAGES, SUB_PAGES } from './menu';
import NotFoundPage from './pages/NotFoundPage';

const LoginPage = lazy(() => import('./pages/LoginPage'));

function AppRoutes() {
  return (
    <Routes>
      <Route
        path="/login"
        element={
          <Suspense fallback={<PageLoading />}>
            <LoginPage />
          </Suspense>
        }
      />
      <Route
        element={
          <RequireSession>
            <AppLayout />
          </RequireSession>
        }
      >
        {[...MENU_PAGES, ...SUB_PAGES].map((page) => (
          <Route
            key={page.key}
            path={page.path}
            element={
              <RequirePermission page={page}>
                <page.page />
              </RequirePermission>
            }
          />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider
      locale={i18n.language === 'en-US' ? enUS : zhCN}
      theme={{ token: { colorPrimary: '#1f4e9c' } }}
      // Keeps button labels as written ("登录", not "登 录"), so they read and match as text.
      button={{ autoInsertSpace: false }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
