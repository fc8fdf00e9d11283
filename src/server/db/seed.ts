import type { Role } from '../../domain/roles.js';
import { systemContext } from '../commands/context.js';
import { createDepartment, createOrganization, type NewOrganization } from '../commands/organizations.js';
import { createUser } from '../commands/users.js';
import { seedDemoSectors } from '../commands/knowledgeBase.js';
import { seedDemoMeetings } from './demoMeetings.js';
import type { Db } from './index.js';

export const DEMO_PASSWORD = 'Jianxing@2026';

interface DemoOrganization extends NewOrganization {
  key: string;
  parentKey?: string;
  departments?: { key: string; name: string; code?: string; kind: string }[];
}

const ORGANIZATIONS: DemoOrganization[] = [
  {
    key: 'procuratorate',
    name: '北京市朝阳区人民检察院',
    shortName: '朝阳区检察院',
    kind: 'procuratorate',
    code: '京朝',
    departments: [
      { key: 'admin_prosecution', name: '行政检察部', code: '行', kind: 'administrative_prosecution' },
      { key: 'criminal_prosecution', name: '刑事检察部', code: '刑', kind: 'criminal_prosecution' },
      { key: 'office', name: '办公室', kind: 'office' },
    ],
  },
  { key: 'police', name: '北京市公安局朝阳分局', shortName: '朝阳公安分局', kind: 'agency', departments: [{ key: 'police_legal', name: '法制支队', kind: 'other' }] },
  { key: 'traffic', name: '北京市公安局公安交通管理局朝阳交通支队', shortName: '朝阳交通支队', kind: 'agency', parentKey: 'police' },
  { key: 'market', name: '北京市朝阳区市场监督管理局', shortName: '区市场监管局', kind: 'agency', departments: [{ key: 'market_legal', name: '法制科', kind: 'other' }] },
  { key: 'housing', name: '北京市朝阳区住房和城乡建设委员会', shortName: '区住建委', kind: 'agency', departments: [{ key: 'housing_security', name: '住房保障科', kind: 'other' }] },
  { key: 'hrss', name: '北京市朝阳区人力资源和社会保障局', shortName: '区人社局', kind: 'agency' },
  { key: 'education', name: '北京市朝阳区教育委员会', shortName: '区教委', kind: 'agency' },
  { key: 'agriculture', name: '北京市朝阳区农业农村局', shortName: '区农业农村局', kind: 'agency' },
  { key: 'justice', name: '北京市朝阳区司法局', shortName: '区司法局', kind: 'justice_bureau' },
  // Litigation supervision: the courts its documents go to, and the superior procuratorate a protest is requested from.
  { key: 'court', name: '北京市朝阳区人民法院', shortName: '朝阳法院', kind: 'court' },
  { key: 'court_intermediate', name: '北京市第三中级人民法院', shortName: '北京三中院', kind: 'court' },
  { key: 'superior', name: '北京市人民检察院第三分院', shortName: '市检三分院', kind: 'external_procuratorate' },
];

export interface DemoUser {
  username: string;
  displayName: string;
  org: string;
  dept?: string;
  roles: Role[];
  phone?: string;
}

export const DEMO_USERS: DemoUser[] = [
  { username: 'admin', displayName: '系统管理员', org: 'procuratorate', dept: 'office', roles: ['admin'] },
  { username: 'procurator1', displayName: '李明', org: 'procuratorate', dept: 'admin_prosecution', roles: ['procurator'], phone: '13800010001' },
  { username: 'procurator2', displayName: '王芳', org: 'procuratorate', dept: 'admin_prosecution', roles: ['procurator'], phone: '13800010002' },
  { username: 'head1', displayName: '张建国', org: 'procuratorate', dept: 'admin_prosecution', roles: ['department_head'], phone: '13800010003' },
  { username: 'chief1', displayName: '陈志远', org: 'procuratorate', roles: ['chief_prosecutor'], phone: '13800010004' },
  { username: 'criminal1', displayName: '赵磊', org: 'procuratorate', dept: 'criminal_prosecution', roles: ['criminal_prosecutor'], phone: '13800010005' },
  { username: 'analyst1', displayName: '孙晓', org: 'procuratorate', dept: 'admin_prosecution', roles: ['analyst'] },
  { username: 'observer1', displayName: '周院领导', org: 'procuratorate', roles: ['observer'] },
  { username: 'police_liaison', displayName: '刘警官', org: 'police', dept: 'police_legal', roles: ['agency_liaison'], phone: '13900020001' },
  { username: 'police_leader', displayName: '吴副局长', org: 'police', roles: ['agency_leader'], phone: '13900020002' },
  { username: 'traffic_liaison', displayName: '郑警官', org: 'traffic', roles: ['agency_liaison'], phone: '13900020003' },
  { username: 'market_liaison', displayName: '钱科长', org: 'market', dept: 'market_legal', roles: ['agency_liaison'], phone: '13900020004' },
  { username: 'housing_liaison', displayName: '冯科长', org: 'housing', dept: 'housing_security', roles: ['agency_liaison'], phone: '13900020005' },
  { username: 'hrss_liaison', displayName: '何科长', org: 'hrss', roles: ['agency_liaison'], phone: '13900020006' },
  { username: 'education_liaison', displayName: '许老师', org: 'education', roles: ['agency_liaison'], phone: '13900020007' },
  { username: 'agriculture_liaison', displayName: '吕科长', org: 'agriculture', roles: ['agency_liaison'], phone: '13900020008' },
  { username: 'justice_observer', displayName: '施处长', org: 'justice', roles: ['observer'], phone: '13900020009' },
];

/**
 * Seeds the demo organizations and users on first start (when no organization exists yet),
 * through the same commands an administrator uses, so every row has its audit event.
 */
export async function seedDemo(db: Db): Promise<boolean> {
  const existing = await db.selectFrom('organizations').select('id').limit(1).execute();
  if (existing.length) return false;
  const ctx = systemContext('demo-seed');
  const orgIds = new Map<string, string>();
  const deptIds = new Map<string, string>();
  for (const { key, parentKey, departments, ...org } of ORGANIZATIONS) {
    const id = await createOrganization(db, ctx, { ...org, parentId: parentKey ? orgIds.get(parentKey) : null });
    orgIds.set(key, id);
    for (const d of departments ?? []) deptIds.set(d.key, await createDepartment(db, ctx, id, d));
  }
  for (const u of DEMO_USERS) {
    await createUser(db, ctx, {
      username: u.username,
      displayName: u.displayName,
      password: DEMO_PASSWORD,
      organizationId: orgIds.get(u.org)!,
      departmentId: u.dept ? deptIds.get(u.dept) : null,
      roles: u.roles,
      phone: u.phone ?? null,
    });
  }
  await seedDemoMeetings(db);
  await seedDemoSectors(db);
  return true;
}
