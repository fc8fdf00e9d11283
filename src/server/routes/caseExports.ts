/**
 * The clue register and the case list as XLSX, with the same filters and the same scope as the
 * lists on screen (an agency exports only the clues it transferred; the criminal department only
 * non-prosecution decisions). ID numbers leave masked; each export is one audit event.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CASE_KINDS, CLUE_SOURCES, CLUE_STATUSES } from '../../domain/cases/index.js';
import { recordAudit } from '../commands/audit.js';
import { actorOf, contextOf, uuid } from '../http.js';
import { clueScope, listCases, listClues } from '../presenters/cases.js';
import { workbook } from '../presenters/spreadsheet.js';
import { today } from '../today.js';

/** More rows than any procuratorate's register holds; a spreadsheet beyond it would not open well. */
const MAX_ROWS = 100_000;

const text = (max: number) => z.string().trim().max(max);

/**
 * Codes become the words the Chinese UI uses for them: the export is read in Chinese offices,
 * and one set of labels (the web app's zh-CN `cases` namespace) keeps screen and sheet alike.
 */
const LABELS = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../web/locales/zh-CN/cases.json'), 'utf8')) as Record<string, Record<string, string>>;
const label = (group: string, code: string | null | undefined) => (code ? (LABELS[group]?.[code] ?? code) : '');

/** Which clues the actor's list shows (routes/clues.ts GET /api/clues applies the same rule). */
function sendXlsx(reply: FastifyReply, name: string, buffer: Buffer) {
  const day = today();
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="${name}-${day}.xlsx"`)
    .send(buffer);
}

export default async function caseExportRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  r.get('/api/clues.xlsx', {
    config: { policy: ['clue', 'list'] },
    schema: {
      tags: ['clues'],
      summary: 'The clue register as XLSX, with the list’s filters (ID numbers masked)',
      querystring: z.object({ status: z.enum(CLUE_STATUSES).optional(), source: z.enum(CLUE_SOURCES).optional(), q: text(100).optional() }),
    },
    handler: async (request, reply) => {
      const filter = { ...request.query, ...clueScope(actorOf(request)) };
      const { items } = await listClues(db, filter, 1, MAX_ROWS);
      await db.transaction().execute((trx) => recordAudit(trx, contextOf(request), { action: 'clue.export', recordType: 'clue', details: { rows: items.length, filter: request.query } }));
      const buffer = await workbook([
        {
          name: 'clues',
          columns: [
            { header: '线索编号 number', key: 'number', width: 24 },
            { header: '来源 source', key: 'source', width: 14 },
            { header: '状态 status', key: 'status', width: 10 },
            { header: '标题 title', key: 'title', width: 36 },
            { header: '当事人 subject', key: 'subjectName', width: 12 },
            { header: '身份证号 id_number', key: 'subjectIdNumber', width: 22 },
            { header: '事项 matter', key: 'matter', width: 16 },
            { header: '主管机关 agency', key: 'agency', width: 24 },
            { header: '提交单位 submitted_by', key: 'submittedBy', width: 24 },
            { header: '收到日期 received_on', key: 'receivedOn', width: 12 },
            { header: '不起诉决定书 decision_no', key: 'decisionNo', width: 26 },
            { header: '不起诉日期 decided_on', key: 'decidedOn', width: 12 },
            { header: '移送期限 transfer_due', key: 'transferDue', width: 12 },
            { header: '移送情况 transfer_status', key: 'transferStatus', width: 10 },
          ],
          rows: items.map((c) => ({
            number: c.number,
            source: label('sources', c.source),
            status: label('clueStatuses', c.status),
            title: c.title,
            subjectName: c.subjectName,
            subjectIdNumber: c.subjectIdNumber,
            matter: c.matter,
            agency: c.agency?.name ?? '',
            submittedBy: c.submittedBy?.name ?? '',
            receivedOn: c.receivedOn,
            decisionNo: c.nonProsecution?.decisionNo ?? '',
            decidedOn: c.nonProsecution?.decidedOn ?? '',
            transferDue: c.transfer && 'due' in c.transfer ? c.transfer.due : '',
            transferStatus: label('transferStatuses', c.transfer?.status),
          })),
        },
      ]);
      return sendXlsx(reply, 'clues', buffer);
    },
  });

  r.get('/api/cases.xlsx', {
    config: { policy: ['case', 'list'] },
    schema: {
      tags: ['cases'],
      summary: 'The case list as XLSX, with the list’s filters',
      querystring: z.object({ state: text(40).optional(), kind: z.enum(CASE_KINDS).optional(), agencyId: uuid.optional(), procuratorId: uuid.optional(), mine: z.coerce.boolean().optional(), q: text(100).optional() }),
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      const { mine, ...filter } = request.query;
      const { items } = await listCases(db, { ...filter, procuratorId: mine ? actor.id : filter.procuratorId, procuratorateId: actor.organizationId }, 1, MAX_ROWS);
      await db.transaction().execute((trx) => recordAudit(trx, contextOf(request), { action: 'case.export', recordType: 'case', details: { rows: items.length, filter: request.query } }));
      const buffer = await workbook([
        {
          name: 'cases',
          columns: [
            { header: '案件编号 number', key: 'number', width: 26 },
            { header: '案件类型 kind', key: 'kind', width: 18 },
            { header: '状态 state', key: 'state', width: 12 },
            { header: '案件名称 title', key: 'title', width: 36 },
            { header: '当事人 subject', key: 'subjectName', width: 12 },
            { header: '主管机关 agency', key: 'agency', width: 24 },
            { header: '承办检察官 procurator', key: 'procurator', width: 12 },
            { header: '立案日期 registered_on', key: 'registeredOn', width: 12 },
            { header: '最近期限 next_due', key: 'nextDue', width: 12 },
            { header: '超期 overdue', key: 'overdue', width: 8 },
          ],
          rows: items.map((c) => ({
            number: c.number,
            kind: label('kinds', c.kind),
            state: label('states', c.state),
            title: c.title,
            subjectName: c.subjectName,
            agency: c.agency?.name ?? '',
            procurator: c.procurator?.name ?? '',
            registeredOn: c.registeredOn,
            nextDue: c.nextDue ?? '',
            overdue: c.overdue ? '是' : '否',
          })),
        },
      ]);
      return sendXlsx(reply, 'cases', buffer);
    },
  });
}
