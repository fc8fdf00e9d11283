/**
 * The deadline scan: every running clock whose due date is near or past gets its reminders —
 * "due soon" (the clock's warning window), "due" (on the day) and "overdue" — once each per due
 * date, as in-app notifications to the people who owe the work, and by e-mail when SMTP is
 * configured. A moved due date (a suspension, an extension) gets its own reminders again.
 *
 * It is one set-based statement over all open clocks: the clock's cached `due_on` (recomputed
 * from its event log at every event) is compared with a per-clock "due soon from" date computed
 * here on the holiday calendar, so a million open items cost one indexed pass, not a loop.
 */
import { sql } from 'kysely';
import type { Transporter } from 'nodemailer';
import nodemailer from 'nodemailer';
import { addDays, CalendarYearNotLoaded, type IsoDate } from '../../domain/calendar/index.js';
import { CLOCK_CODES, clockDefinition } from '../../domain/deadlines/index.js';
import { currentCalendar } from '../commands/holidaySchedules.js';
import type { Db } from '../db/index.js';

export interface ScanResult {
  clocksExamined: number;
  remindersCreated: number;
  notificationsCreated: number;
  emailsSent: number;
  emailErrors: number;
  ms: number;
}

export interface Mailer {
  send(to: string, subject: string, text: string): Promise<void>;
}

/** SMTP from JIANXING_SMTP_URL (e.g. smtp://user:pass@mail.example.gov.cn:587) and JIANXING_MAIL_FROM. */
export function smtpMailer(url: string | undefined, from: string | undefined): Mailer | null {
  if (!url) return null;
  const transport: Transporter = nodemailer.createTransport(url);
  return { send: async (to, subject, text) => void (await transport.sendMail({ from: from ?? 'jianxing@localhost', to, subject, text })) };
}

/** The last due date that counts as "due soon" today, per clock: its warning window in working
 * days for working-day clocks, in calendar days otherwise. */
function dueSoonUntil(today: IsoDate): { codes: string[]; until: string[]; labels: string[] } {
  const codes: string[] = [];
  const until: string[] = [];
  const labels: string[] = [];
  for (const code of CLOCK_CODES) {
    const clock = clockDefinition(code);
    let last: IsoDate;
    try {
      last = clock.unit === 'working_days' ? currentCalendar().addWorkingDays(today, clock.dueSoonDays) : addDays(today, clock.dueSoonDays);
    } catch (e) {
      if (!(e instanceof CalendarYearNotLoaded)) throw e;
      last = addDays(today, clock.dueSoonDays); // at a year's end with next year not loaded: calendar days
    }
    codes.push(code);
    until.push(last);
    labels.push(clock.label);
  }
  return { codes, until, labels };
}

export async function scanDeadlines(db: Db, today: IsoDate, mailer: Mailer | null = null): Promise<ScanResult> {
  const started = performance.now();
  const window = dueSoonUntil(today);
  const { rows } = await sql<{ examined: number; reminders: number; notifications: number }>`
    WITH windows AS (
      SELECT * FROM unnest(${window.codes}::text[], ${window.until}::date[], ${window.labels}::text[]) AS w(code, soon_until, label)
    ),
    candidates AS (
      SELECT c.id AS clock_id, c.due_on, c.document_id, d.recipient_id, k.id AS case_id, k.number, k.procurator_id, k.procuratorate_id, w.label,
             CASE WHEN c.due_on < ${today}::date THEN 'overdue' WHEN c.due_on = ${today}::date THEN 'due' ELSE 'due_soon' END AS kind
      FROM case_clocks c
      JOIN windows w ON w.code = c.code
      JOIN cases k ON k.id = c.case_id
      LEFT JOIN documents d ON d.id = c.document_id
      -- the bound on all windows lets the open-clock index skip clocks due later than any window
      WHERE c.stopped_on IS NULL AND c.due_on IS NOT NULL AND c.due_on <= w.soon_until AND c.due_on <= (SELECT max(soon_until) FROM windows)
    ),
    fresh AS (
      INSERT INTO reminders_sent (clock_id, kind, due_on)
      SELECT clock_id, kind, due_on FROM candidates
      ON CONFLICT DO NOTHING
      RETURNING clock_id, kind
    ),
    targets AS (
      SELECT c.* FROM candidates c JOIN fresh f ON f.clock_id = c.clock_id AND f.kind = c.kind
    ),
    recipients AS (
      SELECT t.clock_id, t.procurator_id AS user_id FROM targets t WHERE t.procurator_id IS NOT NULL
      UNION
      -- the organization the document was served on (an agency; courts have no accounts), never
      -- the case's agency as such: a document served on a court is none of the agency's business
      SELECT t.clock_id, u.id FROM targets t
        JOIN users u ON u.organization_id = t.recipient_id AND u.active
        JOIN user_roles r ON r.user_id = u.id AND r.role IN ('agency_liaison', 'agency_leader')
      WHERE t.document_id IS NOT NULL
      UNION
      SELECT t.clock_id, u.id FROM targets t
        JOIN users u ON u.organization_id = t.procuratorate_id AND u.active
        JOIN user_roles r ON r.user_id = u.id AND r.role = 'department_head'
      WHERE t.kind = 'overdue'
    ),
    inserted AS (
      INSERT INTO notifications (user_id, kind, title, body, link, due_on)
      SELECT r.user_id,
             'deadline_' || t.kind,
             t.number || ' ' || t.label || CASE t.kind WHEN 'overdue' THEN '已超期' WHEN 'due' THEN '今日到期' ELSE '即将到期' END || '（' || t.due_on::text || '）',
             t.label || '：到期日 ' || t.due_on::text,
             CASE WHEN t.document_id IS NOT NULL THEN '/documents/' || t.document_id ELSE '/cases/' || t.case_id END,
             t.due_on
      FROM recipients r JOIN targets t ON t.clock_id = r.clock_id
      RETURNING id
    )
    SELECT (SELECT count(*)::int FROM candidates) AS examined,
           (SELECT count(*)::int FROM fresh) AS reminders,
           (SELECT count(*)::int FROM inserted) AS notifications`.execute(db);
  const result: ScanResult = { clocksExamined: rows[0].examined, remindersCreated: rows[0].reminders, notificationsCreated: rows[0].notifications, emailsSent: 0, emailErrors: 0, ms: 0 };

  // Mail goes out after the reminders are safely recorded; a failed send is counted, the in-app
  // notice stands and the next scan tries again.
  if (mailer) {
    const pending = await db
      .selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.user_id')
      .select(['notifications.id', 'notifications.title', 'notifications.body', 'notifications.link', 'users.email'])
      .where('notifications.emailed_at', 'is', null)
      .where('notifications.kind', 'like', 'deadline_%')
      .where('notifications.read_at', 'is', null)
      .where('users.email', 'is not', null)
      .where('notifications.created_at', '>', sql<Date>`now() - interval '7 days'`)
      .limit(1000)
      .execute();
    for (const n of pending) {
      try {
        await mailer.send(n.email!, `【检行】${n.title}`, `${n.title}\n${n.body}\n${n.link ?? ''}`);
        await db.updateTable('notifications').set({ emailed_at: sql`now()` }).where('id', '=', n.id).execute();
        result.emailsSent++;
      } catch {
        result.emailErrors++;
      }
    }
  }
  result.ms = Math.round(performance.now() - started);
  return result;
}
