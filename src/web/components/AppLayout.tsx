import { Flex, Layout, Menu, type MenuProps, Typography, theme } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, matchPath, useLocation } from 'react-router';
import { useCurrentSession } from '../api/session';
import { MENU_PAGES, type MenuEntry, SUB_PAGES, isGroup, visibleMenu } from '../menu';
import { ErrorBoundary } from './ErrorBoundary';
import { LocaleSwitch } from './LocaleSwitch';
import { PageLoading } from './PageLoading';
import { NotificationBell } from './NotificationBell';
import { UserMenu } from './UserMenu';

/**
 * The menu page to select: the parent of a sub-page open now, or the menu page whose path is the
 * longest prefix of the current path ('/' only matches itself).
 */
function currentPage(pathname: string) {
  // A menu page's own path wins over a sub-page pattern that also matches it (/cases/overdue vs /cases/:id).
  const exact = MENU_PAGES.find((page) => page.path === pathname);
  if (exact) return exact;
  const sub = SUB_PAGES.find((page) => matchPath(page.path, pathname));
  if (sub) return MENU_PAGES.find((page) => page.key === sub.parent);
  return MENU_PAGES.filter((page) =>
    page.path === '/' ? pathname === '/' : pathname === page.path || pathname.startsWith(`${page.path}/`),
  ).sort((a, b) => b.path.length - a.path.length)[0];
}

export function AppLayout() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { pathname } = useLocation();
  const { permissions } = useCurrentSession();
  const [collapsed, setCollapsed] = useState(false);
  const page = currentPage(pathname);
  const title = (page?.path === pathname ? undefined : SUB_PAGES.find((sub) => matchPath(sub.path, pathname))?.label) ?? page?.label;

  useEffect(() => {
    const appTitle = t('app.title');
    document.title = title ? `${t(title)} - ${appTitle}` : appTitle;
  }, [title, t]);

  const toItem = (entry: MenuEntry): NonNullable<MenuProps['items']>[number] =>
    isGroup(entry)
      ? { key: entry.key, icon: entry.icon, label: t(entry.label), children: entry.children.map(toItem) }
      : { key: entry.key, icon: entry.icon, label: <Link to={entry.path}>{t(entry.label)}</Link> };

  const menu = visibleMenu(permissions);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        breakpoint="lg"
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        width={220}
        // Stays in view while long tables scroll.
        style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
      >
        <Flex align="center" gap={10} style={{ height: 64, padding: '0 20px', overflow: 'hidden' }}>
          <img src="/favicon.svg" alt="" width={28} height={28} />
          {!collapsed && (
            <Typography.Text strong style={{ color: '#fff', fontSize: 17, whiteSpace: 'nowrap' }}>
              {t('app.title')}
            </Typography.Text>
          )}
        </Flex>
        <nav data-testid="main-menu">
          <Menu
            // Groups open by default; remounting when the set of groups changes (permissions
            // arriving) applies that to groups that were not there at first render.
            key={menu.filter(isGroup).map((group) => group.key).join()}
            theme="dark"
            mode="inline"
            selectedKeys={page ? [page.key] : []}
            defaultOpenKeys={menu.filter(isGroup).map((group) => group.key)}
            items={menu.map(toItem)}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{ background: token.colorBgContainer, padding: '0 24px', borderBottom: `1px solid ${token.colorBorderSecondary}` }}
        >
          <Flex justify="space-between" align="center" style={{ height: '100%' }} gap={16}>
            <Typography.Text type="secondary" ellipsis>
              {t('app.subtitle')}
            </Typography.Text>
            <Flex align="center" gap={12}>
              <NotificationBell />
              <LocaleSwitch />
              <UserMenu />
            </Flex>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <ErrorBoundary key={pathname}>
            <Suspense fallback={<PageLoading />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
