import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar/isoDate.js';
import { chinaToday } from '../../src/domain/jointMeetings.js';
import { createTestApp, type Client, type TestApp } from '../helpers/testApp.js';

let t: TestApp;
let procurator: Client;
let head: Client;
let policeLiaison: Client;
let policeLeader: Client;
let marketLiaison: Client;
let housingLiaison: Client;
const org = new Map<string, string>();
const today = chinaToday(new Date());

beforeAll(async () => {
  t = await createTestApp();
  for (const o of await t.database.db.selectFrom('organizations').select(['id', 'short_name']).execute()) org.set(o.short_name, o.id);
  [procurator, head, policeLiaison, policeLeader, marketLiaison, housingLiaison] = await Promise.all(
    ['procurator1', 'head1', 'police_liaison', 'police_leader', 'market_liaison', 'housing_liaison'].map((u) => t.loginAs(u)),
  );
});
afterAll(() => t.close());

const police = () => org.get('朝阳公安分局')!;
const market = () => org.get('区市场监管局')!;
const housing = () => org.get('区住建委')!;

async function schedule(overrides: Record<string, unknown> = {}) {
  const res = await procurator.post('/api/joint-meetings', {
    title: '行刑衔接联席会议',
    meetingDate: addDays(today, 10),
    startTime: '14:30',
    location: '第三会议室',
    agenda: '一、通报情况；二、研究醉驾案件衔接。',
    participants: [
      { organizationId: police(), attendees: '刘警官' },
      { organizationId: market(), attendees: '钱科长' },
    ],
    ...overrides,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** A held meeting with a resolution owned by the police and one owned by market regulation. */
async function heldMeetingWithResolutions() {
  const meeting = await schedule({ meetingDate: addDays(today, -2) });
  const held = await procurator.post(`/api/joint-meetings/${meeting.id}/minutes`, { version: meeting.version, minutes: '会议商定如下事项。' });
  expect(held.status, JSON.stringify(held.body)).toBe(200);
  const policeTask = await procurator.post(`/api/joint-meetings/${meeting.id}/resolutions`, { text: '核查醉驾不起诉人员驾驶证吊销情况', ownerOrganizationId: police(), dueDate: addDays(today, 3) });
  const marketTask = await procurator.post(`/api/joint-meetings/${meeting.id}/resolutions`, { text: '按季度推送行政处罚数据', ownerOrganizationId: market(), dueDate: addDays(today, 30) });
  expect(policeTask.status, JSON.stringify(policeTask.body)).toBe(201);
  expect(marketTask.status).toBe(201);
  return { meeting: held.body, policeTask: policeTask.body, marketTask: marketTask.body };
}

async function auditActions(recordId: string) {
  const rows = await t.database.db.selectFrom('audit_events').select(['action', 'actor_name']).where('record_id', '=', recordId).orderBy('seq').execute();
  return rows.map((r) => r.action);
}

describe('scheduling a joint meeting', () => {
  it('lets a procurator schedule one convened by their procuratorate, with participants, and audits it', async () => {
    const meeting = await schedule();
    expect(meeting).toMatchObject({
      title: '行刑衔接联席会议',
      status: 'scheduled',
      meetingDate: addDays(today, 10),
      startTime: '14:30',
      convener: { id: org.get('朝阳区检察院') },
      minutes: null,
      version: 1,
      resolutions: [],
      can: { edit: true, recordMinutes: true, cancel: true, addResolution: false },
    });
    expect(meeting.participants.map((p: { organization: { id: string }; attendees: string }) => [p.organization.id, p.attendees])).toEqual([
      [police(), '刘警官'],
      [market(), '钱科长'],
    ]);
    expect(await auditActions(meeting.id)).toEqual(['joint_meeting.schedule']);
  });

  it('refuses impossible dates, times, missing participants and unknown units', async () => {
    const base = { title: 'x', meetingDate: '2026-07-01', agenda: '', participants: [{ organizationId: police(), attendees: '' }] };
    expect((await procurator.post('/api/joint-meetings', { ...base, meetingDate: '2026-02-30' })).status).toBe(400);
    expect((await procurator.post('/api/joint-meetings', { ...base, startTime: '25:00' })).status).toBe(400);
    expect((await procurator.post('/api/joint-meetings', { ...base, participants: [] })).status).toBe(400);
    const unknown = await procurator.post('/api/joint-meetings', { ...base, participants: [{ organizationId: '3f0e8a52-8c6e-4d6a-9a0b-1c2d3e4f5a6b', attendees: '' }] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields[0].params.reason).toBe('organization_unknown');
    const twice = await procurator.post('/api/joint-meetings', { ...base, participants: [{ organizationId: police() }, { organizationId: police() }] });
    expect(twice.body.fields[0].params.reason).toBe('participant_twice');
  });

  it('is for procuratorate case staff only: agencies and other roles may not schedule', async () => {
    for (const client of [policeLiaison, policeLeader, await t.loginAs('analyst1'), await t.loginAs('admin')]) {
      expect((await client.post('/api/joint-meetings', { title: 'x' })).status).toBe(403);
    }
    expect((await head.get('/api/joint-meetings/organizations')).body.items.map((o: { id: string }) => o.id)).toEqual(expect.arrayContaining([police(), market(), housing()]));
    expect((await policeLiaison.get('/api/joint-meetings/organizations')).status).toBe(403);
  });
});

describe('editing, minutes and cancellation', () => {
  it('updates agenda, date and participants with optimistic locking; a stale version gets 409 with the current meeting', async () => {
    const meeting = await schedule();
    const changed = await head.patch(`/api/joint-meetings/${meeting.id}`, {
      version: 1,
      agenda: '新议程',
      meetingDate: addDays(today, 12),
      participants: [{ organizationId: police(), attendees: '刘警官、吴副局长' }, { organizationId: housing(), attendees: '冯科长' }],
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ agenda: '新议程', meetingDate: addDays(today, 12), version: 2, title: '行刑衔接联席会议' });
    expect(changed.body.participants.map((p: { organization: { id: string } }) => p.organization.id)).toEqual([police(), housing()]);

    const stale = await procurator.patch(`/api/joint-meetings/${meeting.id}`, { version: 1, title: '旧标题' });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toBe('conflict');
    expect(stale.body.current).toMatchObject({ id: meeting.id, version: 2, agenda: '新议程', title: '行刑衔接联席会议' });
    expect(await auditActions(meeting.id)).toEqual(['joint_meeting.schedule', 'joint_meeting.update']);
  });

  it('records minutes: the meeting is held, can take resolutions, can no longer be cancelled', async () => {
    const meeting = await schedule();
    const early = await procurator.post(`/api/joint-meetings/${meeting.id}/resolutions`, { text: 'x', ownerOrganizationId: police(), dueDate: today });
    expect(early.status).toBe(409);
    expect(early.body.error).toBe('invalid_state');

    const held = await procurator.post(`/api/joint-meetings/${meeting.id}/minutes`, { version: 1, minutes: '  会议纪要正文  ' });
    expect(held.status).toBe(200);
    expect(held.body).toMatchObject({ status: 'held', minutes: '会议纪要正文', minutesRecordedBy: '李明', version: 2, can: { cancel: false, addResolution: true } });
    const stale = await procurator.post(`/api/joint-meetings/${meeting.id}/minutes`, { version: 1, minutes: '另一版本' });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ minutes: '会议纪要正文', version: 2 });
    const cancel = await procurator.post(`/api/joint-meetings/${meeting.id}/cancel`, { version: 2, reason: '不需要了' });
    expect(cancel.status).toBe(409);
    expect(cancel.body.error).toBe('invalid_state');
    expect(await auditActions(meeting.id)).toEqual(['joint_meeting.schedule', 'joint_meeting.minutes']);
  });

  it('cancels a scheduled meeting with a reason; a cancelled meeting is closed', async () => {
    const meeting = await schedule();
    const cancelled = await procurator.post(`/api/joint-meetings/${meeting.id}/cancel`, { version: 1, reason: '与专项检查时间冲突' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: '与专项检查时间冲突', can: { edit: false, recordMinutes: false, cancel: false, addResolution: false } });
    expect((await procurator.patch(`/api/joint-meetings/${meeting.id}`, { version: 2, title: 'x' })).body.error).toBe('invalid_state');
    expect((await procurator.post(`/api/joint-meetings/${meeting.id}/minutes`, { version: 2, minutes: 'x' })).status).toBe(409);
    expect(await auditActions(meeting.id)).toEqual(['joint_meeting.schedule', 'joint_meeting.cancel']);
  });

  it('lets participants read but not edit', async () => {
    const meeting = await schedule();
    const read = await policeLiaison.get(`/api/joint-meetings/${meeting.id}`);
    expect(read.status).toBe(200);
    expect(read.body.can).toEqual({ edit: false, recordMinutes: false, cancel: false, addResolution: false });
    expect((await policeLiaison.patch(`/api/joint-meetings/${meeting.id}`, { version: 1, title: 'x' })).status).toBe(403);
    expect((await policeLeader.post(`/api/joint-meetings/${meeting.id}/minutes`, { version: 1, minutes: 'x' })).status).toBe(403);
    expect((await marketLiaison.post(`/api/joint-meetings/${meeting.id}/cancel`, { version: 1, reason: 'x' })).status).toBe(403);
  });
});

describe('resolutions', () => {
  it('belong to a unit at the meeting; that unit stays a participant while it owns one', async () => {
    const { meeting } = await heldMeetingWithResolutions();
    const stranger = await procurator.post(`/api/joint-meetings/${meeting.id}/resolutions`, { text: 'x', ownerOrganizationId: housing(), dueDate: today });
    expect(stranger.status).toBe(400);
    expect(stranger.body.fields[0]).toMatchObject({ path: 'ownerOrganizationId', params: { reason: 'owner_not_participant' } });
    const own = await procurator.post(`/api/joint-meetings/${meeting.id}/resolutions`, { text: '检察院牵头建立模型', ownerOrganizationId: org.get('朝阳区检察院'), dueDate: today });
    expect(own.status).toBe(201);
    expect(own.body.seq).toBe(3);
    const dropPolice = await procurator.patch(`/api/joint-meetings/${meeting.id}`, { version: meeting.version, participants: [{ organizationId: market(), attendees: '' }] });
    expect(dropPolice.status).toBe(400);
    expect(dropPolice.body.fields[0].params.reason).toBe('participant_owns_resolutions');
  });

  it('shows the owner agency its own resolution and lets its liaison record progress and mark it done, but not touch another unit’s', async () => {
    const { meeting, policeTask, marketTask } = await heldMeetingWithResolutions();
    const seen = await policeLiaison.get(`/api/joint-meetings/${meeting.id}`);
    expect(seen.status).toBe(200);
    const byId = new Map(seen.body.resolutions.map((r: { id: string }) => [r.id, r]));
    expect(byId.get(policeTask.id)).toMatchObject({ status: 'open', standing: 'due_soon', daysRemaining: 3, owner: { id: police() }, can: { update: true, complete: true, reopen: false, correct: false } });
    expect(byId.get(marketTask.id)).toMatchObject({ can: { update: false, complete: false, reopen: false } });

    const progress = await policeLiaison.patch(`/api/joint-meetings/${meeting.id}/resolutions/${policeTask.id}`, { version: 1, progressNote: '已核查前两个月名单' });
    expect(progress.status, JSON.stringify(progress.body)).toBe(200);
    expect(progress.body).toMatchObject({ status: 'open', progressNote: '已核查前两个月名单', progressBy: '刘警官', version: 2 });

    expect((await policeLiaison.patch(`/api/joint-meetings/${meeting.id}/resolutions/${marketTask.id}`, { version: 1, progressNote: '越权' })).status).toBe(403);
    // The police leader watches but does not update; the liaison may not correct what was resolved.
    expect((await policeLeader.patch(`/api/joint-meetings/${meeting.id}/resolutions/${policeTask.id}`, { version: 2, progressNote: 'x' })).status).toBe(403);
    expect((await policeLiaison.patch(`/api/joint-meetings/${meeting.id}/resolutions/${policeTask.id}`, { version: 2, dueDate: addDays(today, 90) })).status).toBe(403);

    const done = await policeLiaison.patch(`/api/joint-meetings/${meeting.id}/resolutions/${policeTask.id}`, { version: 2, status: 'done', progressNote: '核查完毕，已书面反馈' });
    expect(done.body).toMatchObject({ status: 'done', standing: 'done', completedBy: '刘警官', version: 3 });
    expect(done.body.completedAt).not.toBeNull();

    // Done is closed for the owner; the procuratorate reopens.
    expect((await policeLiaison.patch(`/api/joint-meetings/${meeting.id}/resolutions/${policeTask.id}`, { version: 3, status: 'open' })).status).toBe(403);
    const closed = await policeLiaison.patch(`/api/joint-meetings/${meeting.id}/resolutions/${policeTask.id}`, { version: 3, progressNote: '补充' });
    expect(closed.status).toBe(409);
    expect(closed.body.error).toBe('invalid_state');
    const reopened = await procurator.patch(`/api/joint-meetings/${meeting.id}/resolutions/${policeTask.id}`, { version: 3, status: 'open', progressNote: '反馈材料不完整，请补充' });
    expect(reopened.body).toMatchObject({ status: 'open', completedAt: null, completedBy: null, version: 4 });

    expect(await auditActions(policeTask.id)).toEqual([
      'joint_meeting.resolution_add',
      'joint_meeting.resolution_update',
      'joint_meeting.resolution_complete',
      'joint_meeting.resolution_reopen',
    ]);
  });

  it('answers a stale resolution version with 409 and the resolution as it is now', async () => {
    const { meeting, marketTask } = await heldMeetingWithResolutions();
    expect((await marketLiaison.patch(`/api/joint-meetings/${meeting.id}/resolutions/${marketTask.id}`, { version: 1, progressNote: '第一版' })).status).toBe(200);
    const stale = await procurator.patch(`/api/joint-meetings/${meeting.id}/resolutions/${marketTask.id}`, { version: 1, dueDate: addDays(today, 60) });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ id: marketTask.id, version: 2, progressNote: '第一版', dueDate: addDays(today, 30) });
  });

  it('does not find a resolution through another meeting’s id', async () => {
    const first = await heldMeetingWithResolutions();
    const second = await heldMeetingWithResolutions();
    const res = await policeLiaison.patch(`/api/joint-meetings/${second.meeting.id}/resolutions/${first.policeTask.id}`, { version: 1, progressNote: 'x' });
    expect(res.status).toBe(404);
  });
});

describe('who sees what', () => {
  it('gives a unit not taking part 404 on every route of the meeting, exactly as for a meeting that does not exist', async () => {
    const { meeting, policeTask } = await heldMeetingWithResolutions();
    const routes = t.app.apiRoutes.filter((r) => r.url.startsWith('/api/joint-meetings/:id'));
    expect(routes.map((r) => `${r.method} ${r.url}`).sort()).toEqual([
      'GET /api/joint-meetings/:id',
      'GET /api/joint-meetings/:id/record.xlsx',
      'PATCH /api/joint-meetings/:id',
      'PATCH /api/joint-meetings/:id/resolutions/:resolutionId',
      'POST /api/joint-meetings/:id/cancel',
      'POST /api/joint-meetings/:id/minutes',
      'POST /api/joint-meetings/:id/resolutions',
    ]);
    const bodies: Record<string, unknown> = {
      'PATCH /api/joint-meetings/:id': { version: meeting.version, title: 'x' },
      'POST /api/joint-meetings/:id/minutes': { version: meeting.version, minutes: 'x' },
      'POST /api/joint-meetings/:id/cancel': { version: meeting.version, reason: 'x' },
      'POST /api/joint-meetings/:id/resolutions': { text: 'x', ownerOrganizationId: housing(), dueDate: today },
      'PATCH /api/joint-meetings/:id/resolutions/:resolutionId': { version: 1, progressNote: 'x' },
    };
    const missing = '3f0e8a52-8c6e-4d6a-9a0b-1c2d3e4f5a6b';
    for (const r of routes) {
      const key = `${r.method} ${r.url}`;
      for (const body of [bodies[key], {}]) {
        const url = (id: string) => r.url.replace(':id', id).replace(':resolutionId', policeTask.id);
        const res = await housingLiaison.request(r.method, url(meeting.id), r.method === 'GET' ? undefined : body);
        expect(res.status, `${key} ${JSON.stringify(body)}`).toBe(404);
        const none = await housingLiaison.request(r.method, url(missing), r.method === 'GET' ? undefined : body);
        expect({ error: res.body.error, message: res.body.message }).toEqual({ error: none.body.error, message: none.body.message });
      }
    }
    // Nothing changed, nothing was exported.
    expect(await auditActions(meeting.id)).toEqual(['joint_meeting.schedule', 'joint_meeting.minutes']);
    expect(await auditActions(policeTask.id)).toEqual(['joint_meeting.resolution_add']);
  });

  it('lists only the meetings the user may see, paginated on the server, with status and date filters', async () => {
    const mine = await schedule({ title: '仅市场监管参加的会议', participants: [{ organizationId: market(), attendees: '' }] });
    const listed = async (client: Client, query = '') => (await client.get(`/api/joint-meetings?pageSize=200${query}`)).body;
    const ids = (page: { items: { id: string }[] }) => page.items.map((m) => m.id);
    expect(ids(await listed(procurator))).toContain(mine.id);
    expect(ids(await listed(marketLiaison))).toContain(mine.id);
    expect(ids(await listed(policeLiaison))).not.toContain(mine.id);
    expect(ids(await listed(housingLiaison))).not.toContain(mine.id);

    const all = await listed(procurator);
    expect(all.total).toBe(all.items.length);
    const page = (await procurator.get('/api/joint-meetings?page=2&pageSize=2')).body;
    expect(page.total).toBe(all.total);
    expect(page.items.map((m: { id: string }) => m.id)).toEqual(ids(all).slice(2, 4));
    // Newest date first.
    const dates = all.items.map((m: { meetingDate: string }) => m.meetingDate);
    expect([...dates].sort().reverse()).toEqual(dates);

    const scheduled = await listed(procurator, '&status=scheduled');
    expect(scheduled.items.every((m: { status: string }) => m.status === 'scheduled')).toBe(true);
    expect(ids(scheduled)).toContain(mine.id);
    expect(ids(await listed(procurator, '&status=held'))).not.toContain(mine.id);
    const inRange = await listed(procurator, `&from=${addDays(today, 10)}&to=${addDays(today, 10)}`);
    expect(inRange.items.every((m: { meetingDate: string }) => m.meetingDate === addDays(today, 10))).toBe(true);
    expect(ids(inRange)).toContain(mine.id);
    expect(ids(await listed(procurator, `&to=${addDays(today, 9)}`))).not.toContain(mine.id);
    expect((await procurator.get('/api/joint-meetings?from=2026-13-01')).status).toBe(400);
  });

  it('keeps meetings from procuratorate users outside the case staff', async () => {
    const meeting = await schedule();
    for (const username of ['analyst1', 'observer1', 'admin', 'criminal1']) {
      const client = await t.loginAs(username);
      expect((await client.get('/api/joint-meetings')).status, username).toBe(403);
      expect((await client.get(`/api/joint-meetings/${meeting.id}`)).status, username).toBe(403);
    }
  });

  it('gives an agency its task list: open resolutions it owns, soonest due first', async () => {
    const { policeTask, marketTask } = await heldMeetingWithResolutions();
    const list = (await policeLiaison.get('/api/joint-meetings/resolutions?owner=mine&status=open&pageSize=200')).body;
    const ids = list.items.map((r: { id: string }) => r.id);
    expect(ids).toContain(policeTask.id);
    expect(ids).not.toContain(marketTask.id);
    expect(list.items.every((r: { owner: { id: string }; status: string }) => r.owner.id === police() && r.status === 'open')).toBe(true);
    const due = list.items.map((r: { dueDate: string }) => r.dueDate);
    expect([...due].sort()).toEqual(due);
    expect(list.items.find((r: { id: string }) => r.id === policeTask.id)).toMatchObject({ meeting: { title: '行刑衔接联席会议' }, can: { update: true } });
    // Without owner=mine: every resolution of the meetings the unit attends.
    expect((await policeLiaison.get('/api/joint-meetings/resolutions?pageSize=200')).body.items.map((r: { id: string }) => r.id)).toContain(marketTask.id);
    expect((await housingLiaison.get('/api/joint-meetings/resolutions?pageSize=200')).body.items.map((r: { id: string }) => r.id)).not.toContain(policeTask.id);
  });

  it('puts open resolutions on the owner unit’s home page with their due dates, and upcoming meetings on the participants’', async () => {
    const { meeting, policeTask } = await heldMeetingWithResolutions();
    const upcoming = await schedule({ title: '下周的联席会议', meetingDate: addDays(today, 6) });
    const work = async (client: Client) => (await client.get('/api/me/work')).body.items as { kind: string; title: string; dueDate: string; link: string }[];

    const policeWork = await work(policeLiaison);
    expect(policeWork).toContainEqual({ kind: 'joint_meeting_resolution', title: '核查醉驾不起诉人员驾驶证吊销情况 — 行刑衔接联席会议', dueDate: addDays(today, 3), link: `/meetings/${meeting.id}#resolution-${policeTask.id}` });
    expect(policeWork).toContainEqual({ kind: 'joint_meeting', title: '下周的联席会议', dueDate: addDays(today, 6), link: `/meetings/${upcoming.id}` });
    expect(await work(policeLeader)).toContainEqual(expect.objectContaining({ link: `/meetings/${meeting.id}#resolution-${policeTask.id}` }));

    const marketWork = await work(marketLiaison);
    expect(marketWork.some((w) => w.link.endsWith(policeTask.id))).toBe(false);
    expect(marketWork).toContainEqual(expect.objectContaining({ link: `/meetings/${upcoming.id}` }));
    expect((await work(housingLiaison)).some((w) => w.link.includes(meeting.id) || w.link.includes(upcoming.id))).toBe(false);

    await policeLiaison.patch(`/api/joint-meetings/${meeting.id}/resolutions/${policeTask.id}`, { version: 1, status: 'done' });
    expect((await work(policeLiaison)).some((w) => w.link.endsWith(policeTask.id))).toBe(false);
  });
});

describe('the meeting record', () => {
  it('exports minutes and resolutions as XLSX, audited', async () => {
    const { meeting } = await heldMeetingWithResolutions();
    const res = await t.app.inject({ method: 'GET', url: `/api/joint-meetings/${meeting.id}/record.xlsx`, headers: { cookie: policeLiaison.cookie! } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const values = (name: string) => {
      const rows: unknown[][] = [];
      wb.getWorksheet(name)!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      return rows;
    };
    expect(values('meeting')).toContainEqual(['会议纪要 minutes', '会议商定如下事项。']);
    expect(values('meeting')).toContainEqual(['参会单位 participant', '北京市公安局朝阳分局：刘警官']);
    expect(values('resolutions').slice(1).map((r) => [r[0], r[1], r[2], r[3]])).toEqual([
      [1, '核查醉驾不起诉人员驾驶证吊销情况', '北京市公安局朝阳分局', addDays(today, 3)],
      [2, '按季度推送行政处罚数据', '北京市朝阳区市场监督管理局', addDays(today, 30)],
    ]);
    expect(await auditActions(meeting.id)).toContain('joint_meeting.export');
  });

  it('ships demo meetings: one held with a done and a due-soon resolution, one scheduled', async () => {
    const demo = (await procurator.get('/api/joint-meetings?q=联席会议&pageSize=200')).body.items.filter((m: { title: string }) =>
      ['行政执法与检察监督衔接工作联席会议', '公共租赁住房监督专项联席会议'].includes(m.title),
    );
    expect(demo.map((m: { status: string }) => m.status).sort()).toEqual(['held', 'scheduled']);
    const held = (await procurator.get(`/api/joint-meetings/${demo.find((m: { status: string }) => m.status === 'held').id}`)).body;
    expect(held.minutes).toBeTruthy();
    expect(held.participants.map((p: { organization: { shortName: string } }) => p.organization.shortName)).toEqual(['朝阳区检察院', '朝阳公安分局', '区市场监管局']);
    expect(held.resolutions.map((r: { standing: string }) => r.standing).sort()).toEqual(['done', 'due_soon']);
  });
});
