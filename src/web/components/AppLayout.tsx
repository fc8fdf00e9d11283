import { Flex, Layout, Menu, type MenuProps, Typography, theme } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, matchPath, useLocation } from 'react-router';
import { useCurrentSession } from '../api/session';
import { MENU, MENU_PAGES, type MenuEntry, type MenuGroup, SUB_PAGES, isGroup, visibleMenu } from '../menu';
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

/** The menu group holding a page, if the page sits in one. */
function groupOf(pageKey: string | undefined): string | undefined {
  return pageKey ? MENU.find((entry): entry is MenuGroup => isGroup(entry) && entry.children.some((child) => child.key === pageKey))?.key : undefined;
}

/**
 * The groups the user has opened, kept outside the component: a remount of the layout (the
 * session answered again, the language switched) must not snap an open group shut under the
 * user's pointer.
 */
let openGroups: string[] | null = null;

export function AppLayout() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { pathname } = useLocation();
  const { permissions } = useCurrentSession();
  const [collapsed, setCollapsed] = useState(false);
  const page = currentPage(pathname);
  const pageGroup = groupOf(page?.key);
  // Inline (sider open): the groups the user opened, the current page's group at first.
  const [openKeys, setOpenKeys] = useState<string[]>(() => openGroups ?? (pageGroup ? [pageGroup] : []));
  // Collapsed sider: groups pop out on hover; that must not close the ones open inline.
  const [popupKeys, setPopupKeys] = useState<string[]>([]);
  const rememberOpen = (keys: string[]) => {
    openGroups = keys;
    setOpenKeys(keys);
  };
  // Arriving on a page of a closed group (a link, the address bar) opens that group.
  useEffect(() => {
    if (pageGroup && !openKeys.includes(pageGroup)) rememberOpen([...openKeys, pageGroup]);
    // Only a change of page opens its group; closing the group while on its page stays closed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pageGroup, pathname]);
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
            // Controlled and never remounted: which groups are open is the user's choice, kept
            // across re-renders (permissions, language) and remounts of the layout.
            theme="dark"
            mode="inline"
            selectedKeys={page ? [page.key] : []}
            openKeys={collapsed ? popupKeys : openKeys}
            onOpenChange={collapsed ? setPopupKeys : rememberOpen}
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
