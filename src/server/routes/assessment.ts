/**
 * The rule-of-law assessment report (docs/assessment.md): live exports for a period as XLSX and
 * DOCX, with the indicators' visibility (an agency only itself), and the stored monthly reports
 * with agency sign-off and publication.
 */
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../commands/audit.js';
import { actorOf, calendarDate, contextOf, idParams, uuid } from '../http.js';
import type { AssessmentFilter } from '../indicators/assessment.js';
import { assessmentDocxFile, assessmentXlsxStream, confirmReport, listReports, publishReport, reportFile } from '../indicators/assessmentReports.js';
import { requestedPeriod, visibleAgency } from '../indicators/scope.js';
import { today } from '../today.js';

const exportQuery = z.object({ from: calendarDate.optional(), to: calendarDate.optional(), asOf: calendarDate.optional(), agencyId: uuid.optional() });

const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

/** ASCII file name plus the Chinese one (RFC 5987), so every browser saves it sensibly. */
function sendFile(reply: FastifyReply, kind: 'xlsx' | 'docx', asciiName: string, chineseName: string, bytes: Buffer | Readable) {
  return reply
    .header('content-type', CONTENT_TYPES[kind])
    .header('content-disposition', `attachment; filename="${asciiName}.${kind}"; filename*=UTF-8''${encodeURIComponent(`${chineseName}.${kind}`)}`)
    .send(bytes);
}

export default async function assessmentRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  /** The period (default: this year to date) and the agency the actor may see, as for the indicators. */
  function filterOf(request: FastifyRequest, query: z.infer<typeof exportQuery>): AssessmentFilter {
    const actor = actorOf(request);
    const now = today();
    return { ...requestedPeriod(query, now, 'today'), asOf: query.asOf ?? now, agencyId: visibleAgency(actor, query.agencyId) };
  }

  for (const kind of ['xlsx', 'docx'] as const) {
    r.get(`/api/indicators/assessment.${kind}`, {
      config: { policy: ['indicator', 'read'] },
      schema: {
        tags: ['indicators'],
        summary:
          kind === 'xlsx'
            ? 'The assessment report as XLSX: per agency items received, replied, on time, adopted, rectified, overdue, with a sheet of items per column'
            : 'The assessment report as a DOCX narrative (工作情况报告, GB/T 9704 layout) with the overdue items annexed',
        querystring: exportQuery,
      },
      handler: async (request, reply) => {
        const f = filterOf(request, request.query);
        const now = today();
        // The XLSX streams: it is written as the client reads it, once its items are counted.
        const body = kind === 'xlsx' ? (await assessmentXlsxStream(db, f, now)).stream : await assessmentDocxFile(db, f, now);
        try {
          await db.transaction().execute((trx) => recordAudit(trx, contextOf(request), { action: `assessment.export_${kind}`, recordType: 'assessment_report', details: { ...f } }));
        } catch (err) {
          if (!Buffer.isBuffer(body)) body.destroy(); // ends the export's transaction
          throw err;
        }
        return sendFile(reply, kind, `assessment-${f.from}-${f.to}`, `考核情况${kind === 'docx' ? '报告' : '表'}-${f.from}-${f.to}`, body);
      },
    });
  }

  r.get('/api/assessment-reports', {
    config: { policy: ['indicator', 'list_assessment_reports'] },
    schema: { tags: ['indicators'], summary: 'The monthly assessment reports the user may see (the justice bureau: published only; an agency: its own row)' },
    handler: async (request) => ({ items: await listReports(db, actorOf(request)) }),
  });

  for (const kind of ['xlsx', 'docx'] as const) {
    r.get(`/api/assessment-reports/:id/${kind}`, {
      config: { policy: ['indicator', 'list_assessment_reports'] },
      schema: { tags: ['indicators'], summary: `A stored monthly assessment report as ${kind.toUpperCase()} (the checksum in x-content-sha256)`, params: idParams },
      handler: async (request, reply) => {
        const file = await reportFile(db, actorOf(request), request.params.id, kind);
        reply.header('x-content-sha256', file.sha256);
        return sendFile(reply, kind, `assessment-${file.month}`, `考核情况${kind === 'docx' ? '报告' : '表'}-${file.month}`, file.bytes);
      },
    });
  }

  r.post('/api/assessment-reports/:id/confirm', {
    config: { policy: ['indicator', 'confirm_assessment'] },
    schema: { tags: ['indicators'], summary: 'An agency confirms its figures in a draft monthly report (sign-off)', params: idParams },
    handler: async (request) => confirmReport(db, contextOf(request), request.params.id),
  });

  r.post('/api/assessment-reports/:id/publish', {
    config: { policy: ['indicator', 'publish_assessment'] },
    schema: {
      tags: ['indicators'],
      summary: 'Publishes a draft monthly report; before every agency confirmed only the admin may, with a reason',
      params: idParams,
      body: z.object({ version: z.number().int().min(1), overrideReason: z.string().trim().max(500).nullish() }),
    },
    handler: async (request) => publishReport(db, contextOf(request), request.params.id, request.body),
  });
}
