import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileCase, registerClue } from '../../src/server/commands/clues.js';
import { systemContext } from '../../src/server/commands/context.js';
import { scanDeadlines, smtpMailer } from '../../src/server/jobs/deadlineScan.js';
import { createTestApp, type Client, type TestApp } from '../helpers/testApp.js';

/** A minimal SMTP server that accepts every message and keeps it. */
function fakeSmtpServer() {
  const messages: string[] = [];
  const server = net.createServer((socket) => {
    socket.write('220 test ESMTP\r\n');
    let buffer = '';
    let inData = false;
    let message = '';
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (let i = buffer.indexOf('\r\n'); i >= 0; i = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            messages.push(message);
            message = '';
            socket.write('250 queued\r\n');
          } else message += `${line}\n`;
          continue;
        }
        const command = line.slice(0, 4).toUpperCase();
        if (command === 'EHLO' || command === 'HELO') socket.write('250-test\r\n250 8BITMIME\r\n');
        else if (command === 'DATA') {
          inData = true;
          socket.write('354 go ahead\r\n');
        } else if (command === 'QUIT') {
          socket.write('221 bye\r\n');
          socket.end();
        } else socket.write('250 OK\r\n');
      }
    });
  });
  return { server, messages };
}

let t: TestApp;
let procurator: Client;
let head: Client;
const smtp = fakeSmtpServer();
let smtpPort = 0;
let caseNumber = '';

beforeAll(async () => {
  t = await createTestApp();
  await new Promise<void>((resolve) => smtp.server.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as net.AddressInfo).port;
  const db = t.database.db;
  await db.updateTable('users').set({ email: 'liming@example.gov.cn' }).where('username', '=', 'procurator1').execute();
  const procuratorId = (await db.selectFrom('users').select('id').where('username', '=', 'procurator1').executeTakeFirstOrThrow()).id;
  const agencyId = (await db.selectFrom('organizations').select('id').where('kind', '=', 'agency').executeTakeFirstOrThrow()).id;
  const ctx = systemContext('test');
  const { clue } = await registerClue(db, ctx, { source: 'manual', title: '期限提醒测试', receivedOn: '2026-03-02' });
  const created = await fileCase(db, ctx, clue.id, { version: clue.version, kind: 'reverse_connection', agencyId, procuratorId, registeredOn: '2026-03-02' });
  caseNumber = created.number;
  procurator = await t.loginAs('procurator1');
  head = await t.loginAs('head1');
});
afterAll(async () => {
  await t.close();
  await new Promise((resolve) => smtp.server.close(resolve));
});

describe('deadline reminders', () => {
  it('sends nothing while the due date is far', async () => {
    const r = await scanDeadlines(t.database.db, '2026-03-05', smtpMailer(`smtp://127.0.0.1:${smtpPort}`, 'jianxing@example.gov.cn'));
    expect(r.remindersCreated).toBe(0);
  });

  it('reminds the procurator in-app and by e-mail when the review is due soon, once', async () => {
    const mailer = smtpMailer(`smtp://127.0.0.1:${smtpPort}`, 'jianxing@example.gov.cn');
    // Due Mon 2026-03-16; on Thu 03-12 two working days remain (13th, 16th): due soon.
    const first = await scanDeadlines(t.database.db, '2026-03-12', mailer);
    expect(first).toMatchObject({ remindersCreated: 1, notificationsCreated: 1, emailsSent: 1, emailErrors: 0 });
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]).toContain('liming@example.gov.cn');
    const again = await scanDeadlines(t.database.db, '2026-03-13', mailer);
    expect(again.remindersCreated).toBe(0);
    const notices = (await procurator.get('/api/notifications')).body;
    expect(notices.unread).toBe(1);
    expect(notices.items[0].title).toContain(caseNumber);
    expect(notices.items[0].title).toContain('即将到期');
    expect(notices.items[0].dueOn).toBe('2026-03-16');
  });

  it('on the day and when overdue: the department head is told once it is late', async () => {
    expect((await scanDeadlines(t.database.db, '2026-03-16')).remindersCreated).toBe(1);
    const overdue = await scanDeadlines(t.database.db, '2026-03-17');
    expect(overdue.remindersCreated).toBe(1);
    expect(overdue.notificationsCreated).toBe(2); // procurator + head
    expect((await scanDeadlines(t.database.db, '2026-03-20')).remindersCreated).toBe(0); // overdue already told
    const headNotices = (await head.get('/api/notifications')).body;
    expect(headNotices.items.map((n: { title: string }) => n.title)).toEqual([expect.stringContaining('已超期')]);
    const mine = (await procurator.get('/api/notifications')).body;
    expect(mine.items.map((n: { kind: string }) => n.kind)).toEqual(['deadline_overdue', 'deadline_due', 'deadline_due_soon']);
    // Marking read is per user: the head cannot touch the procurator's notice.
    expect((await head.post(`/api/notifications/${mine.items[0].id}/read`)).status).toBe(404);
    expect((await procurator.post(`/api/notifications/${mine.items[0].id}/read`)).status).toBe(200);
    expect((await procurator.get('/api/notifications')).body.unread).toBe(2);
  });

  it('an unreachable mail server loses no reminder', async () => {
    const db = t.database.db;
    const ctx = systemContext('test');
    const agencyId = (await db.selectFrom('organizations').select('id').where('kind', '=', 'agency').executeTakeFirstOrThrow()).id;
    const procuratorId = (await db.selectFrom('users').select('id').where('username', '=', 'procurator1').executeTakeFirstOrThrow()).id;
    const { clue } = await registerClue(db, ctx, { source: 'manual', title: '邮件失败测试', receivedOn: '2026-04-01' });
    await fileCase(db, ctx, clue.id, { version: clue.version, kind: 'reverse_connection', agencyId, procuratorId, registeredOn: '2026-04-01' });
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.address() as net.AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const r = await scanDeadlines(db, '2026-04-29', smtpMailer(`smtp://127.0.0.1:${deadPort}`, undefined));
    expect(r.remindersCreated).toBeGreaterThanOrEqual(1);
    expect(r.emailErrors).toBeGreaterThanOrEqual(1);
    expect(r.emailsSent).toBe(0);
    const stored = await db.selectFrom('notifications').select(['emailed_at']).where('title', 'like', '%超期%').where('due_on', '>', '2026-04-01').execute();
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.every((n) => n.emailed_at === null)).toBe(true);
  });
});

describe('my tasks', () => {
  it('lists the procurator’s running clocks by due date', async () => {
    const mine = (await procurator.get('/api/me/work')).body;
    const clocks = mine.items.filter((i: { kind: string }) => i.kind === 'clock.reverse_connection_review');
    expect(clocks.length).toBe(2);
    expect(clocks[0].dueDate <= clocks[1].dueDate).toBe(true);
    expect(clocks[0].link).toMatch(/^\/cases\//);
  });
});
