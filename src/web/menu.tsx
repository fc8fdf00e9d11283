import {
  AuditOutlined,
  BankOutlined,
  ContactsOutlined,
  DatabaseOutlined,
  FundProjectionScreenOutlined,
  HomeOutlined,
  SettingOutlined,
  TeamOutlined,
  ApartmentOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { ScheduleOutlined } from '@ant-design/icons';
import { BookOutlined } from '@ant-design/icons';
import { DashboardOutlined } from '@ant-design/icons';
import { FieldTimeOutlined, FileSearchOutlined, FolderOpenOutlined, InboxOutlined } from '@ant-design/icons';
import type { ParseKeys } from 'i18next';
import { type ComponentType, type LazyExoticComponent, type ReactNode, lazy } from 'react';

/**
 * The navigation of the app, as data: each entry is a menu item and the route it opens.
 * A feature adds one line here; the layout and the router read this list.
 */
export interface MenuPage {
  key: string;
  path: string;
  icon: ReactNode;
  /** i18n key of the menu label, also the page title. */
  label: ParseKeys;
  /** Permission from `Session.permissions`; none means every signed-in user. */
  permission?: string;
  page: LazyExoticComponent<ComponentType>;
}

export interface MenuGroup {
  key: string;
  icon: ReactNode;
  label: ParseKeys;
  children: MenuPage[];
}

export type MenuEntry = MenuPage | MenuGroup;

export const MENU: MenuEntry[] = [
  { key: 'home', path: '/', icon: <HomeOutlined />, label: 'menu.home', page: lazy(() => import('./pages/HomePage')) },
  { key: 'directory', path: '/directory', icon: <ContactsOutlined />, label: 'menu.directory', permission: 'directory:read', page: lazy(() => import('./pages/DirectoryPage')) },
  { key: 'datasets', path: '/datasets', icon: <DatabaseOutlined />, label: 'menu.datasets', permission: 'dataset:read', page: lazy(() => import('./pages/datasets/DatasetsPage')) },
  { key: 'models', path: '/models', icon: <FundProjectionScreenOutlined />, label: 'menu.models', permission: 'model:list', page: lazy(() => import('./pages/models/ModelsPage')) },
  { key: 'clues', path: '/clues', icon: <FileSearchOutlined />, label: 'menu.clues', permission: 'clue:list', page: lazy(() => import('./pages/cases/CluesPage')) },
  { key: 'cases', path: '/cases', icon: <FolderOpenOutlined />, label: 'menu.cases', permission: 'case:list', page: lazy(() => import('./pages/cases/CasesPage')) },
  { key: 'inbox', path: '/inbox', icon: <InboxOutlined />, label: 'menu.inbox', permission: 'inbox:read', page: lazy(() => import('./pages/cases/InboxPage')) },
  { key: 'overdue', path: '/cases/overdue', icon: <FieldTimeOutlined />, label: 'menu.overdue', permission: 'case:oversee', page: lazy(() => import('./pages/cases/OverduePage')) },
  { key: 'my-organization', path: '/my-organization', icon: <BankOutlined />, label: 'menu.myOrganization', permission: 'myOrganization:read', page: lazy(() => import('./pages/MyOrganizationPage')) },
  { key: 'meetings', path: '/meetings', icon: <ScheduleOutlined />, label: 'menu.meetings', permission: 'jointMeeting:read', page: lazy(() => import('./pages/meetings/MeetingsPage')) },
  { key: 'knowledge', path: '/knowledge', icon: <BookOutlined />, label: 'menu.knowledge', permission: 'knowledge:read', page: lazy(() => import('./pages/knowledge/KnowledgeBasePage')) },
  { key: 'indicators', path: '/indicators', icon: <DashboardOutlined />, label: 'menu.indicators', permission: 'indicator:read', page: lazy(() => import('./pages/indicators/IndicatorsPage')) },
  { key: 'assessment', path: '/indicators/assessment', icon: <DashboardOutlined />, label: 'menu.assessment', permission: 'indicator:list_assessment_reports', page: lazy(() => import('./pages/indicators/assessment/AssessmentPage')) },
  { key: 'governance', path: '/governance', icon: <DashboardOutlined />, label: 'menu.governance', permission: 'governance:read', page: lazy(() => import('./pages/governance/GovernancePage')) },
  {
    key: 'admin',
    icon: <SettingOutlined />,
    label: 'menu.admin',
    children: [
      { key: 'users', path: '/admin/users', icon: <TeamOutlined />, label: 'menu.users', permission: 'user:list', page: lazy(() => import('./pages/admin/UsersPage')) },
      { key: 'organizations', path: '/admin/organizations', icon: <ApartmentOutlined />, label: 'menu.organizations', permission: 'organization:manage', page: lazy(() => import('./pages/admin/OrganizationsPage')) },
      { key: 'audit', path: '/admin/audit', icon: <AuditOutlined />, label: 'menu.audit', permission: 'audit:list', page: lazy(() => import('./pages/admin/AuditPage')) },
    ],
  },
  { key: 'profile', path: '/profile', icon: <UserOutlined />, label: 'menu.profile', page: lazy(() => import('./pages/ProfilePage')) },
];

/**
 * Pages reached from other pages (a model, a run, a hit), not from the menu. Each belongs to the
 * menu page `parent`, which stays selected while it is open.
 */
export interface SubPage {
  key: string;
  path: string;
  parent: string;
  /** i18n key of the page title. */
  label: ParseKeys;
  permission?: string;
  page: LazyExoticComponent<ComponentType>;
}

export const SUB_PAGES: SubPage[] = [
  { key: 'dataset-upload', path: '/datasets/upload', parent: 'datasets', label: 'menu.datasetUpload', permission: 'dataset:import', page: lazy(() => import('./pages/datasets/UploadPage')) },
  { key: 'dataset-kinds', path: '/datasets/kinds', parent: 'datasets', label: 'menu.datasetKinds', permission: 'dataset:read', page: lazy(() => import('./pages/datasets/DatasetKindsPage')) },
  { key: 'dataset', path: '/datasets/:id', parent: 'datasets', label: 'menu.dataset', permission: 'dataset:read', page: lazy(() => import('./pages/datasets/DatasetPage')) },
  { key: 'model', path: '/models/:id', parent: 'models', label: 'menu.model', permission: 'model:read', page: lazy(() => import('./pages/models/ModelPage')) },
  { key: 'run', path: '/runs/:id', parent: 'models', label: 'menu.run', permission: 'hit:list', page: lazy(() => import('./pages/models/RunPage')) },
  { key: 'hit', path: '/hits/:id', parent: 'models', label: 'menu.hit', permission: 'hit:read', page: lazy(() => import('./pages/models/HitPage')) },
  { key: 'clue', path: '/clues/:id', parent: 'clues', label: 'menu.clue', permission: 'clue:read', page: lazy(() => import('./pages/cases/CluePage')) },
  { key: 'case', path: '/cases/:id', parent: 'cases', label: 'menu.case', permission: 'case:read', page: lazy(() => import('./pages/cases/CasePage')) },
  { key: 'document', path: '/documents/:id', parent: 'cases', label: 'menu.document', permission: 'document:read', page: lazy(() => import('./pages/cases/DocumentPage')) },
  { key: 'meeting', path: '/meetings/:id', parent: 'meetings', label: 'menu.meeting', permission: 'jointMeeting:read', page: lazy(() => import('./pages/meetings/MeetingPage')) },
];

export function isGroup(entry: MenuEntry): entry is MenuGroup {
  return 'children' in entry;
}

/** Every page in the menu, groups flattened: what the router mounts. */
export const MENU_PAGES: MenuPage[] = MENU.flatMap((entry) => (isGroup(entry) ? entry.children : [entry]));

export function mayOpen(page: { permission?: string }, permissions: readonly string[]): boolean {
  return !page.permission || permissions.includes(page.permission);
}

/** The menu as this user sees it: pages they may open, and groups that keep at least one. */
export function visibleMenu(permissions: readonly string[]): MenuEntry[] {
  return MENU.flatMap((entry): MenuEntry[] => {
    if (!isGroup(entry)) return mayOpen(entry, permissions) ? [entry] : [];
    const children = entry.children.filter((page) => mayOpen(page, permissions));
    return children.length > 0 ? [{ ...entry, children }] : [];
  });
}
