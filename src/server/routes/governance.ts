import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DEFAULT_PATTERN_MIN_CASES, isPattern, PATTERN_SUGGESTION_KINDS } from '../../domain/governance/patternSuggestion.js';
import { actorOf, calendarDate, contextOf, pageQuery, uuid } from '../http.js';
import {
  findPatterns,
  GOVERNANCE_FLAGS,
  governanceCaseList,
  monthlyTrend,
  rankAgencies,
  rankMatters,
  type CaseListFilter,
  type GovernanceFilter,
} from '../indicators/sourceGovernance.js';
import { draftPatternSuggestion } from '../indicators/sourceGovernanceDraft.js';
import { presentCounts, presentGovernanceCase } from '../indicators/sourceGovernancePresent.js';
import { requestedPeriod } from '../indicators/scope.js';
import { today } from '../today.js';

const filterQuery = {
  from: calendarDate.optional(),
  to: calendarDate.optional(),
  /** The day "reply overdue" is judged on; today by default. */
  asOf: calendarDate.optional(),
  agencyId: uuid.optional(),
};
/** '' is the unclassified matter. */
const matter = z.string().trim().max(200);
const minCases = z.coerce.number().int().min(1).max(1000).default(DEFAULT_PATTERN_MIN_CASES);
const tags = ['governance'];

export default async function governanceRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  type FilterQuery = { from?: string; to?: string; asOf?: string; agencyId?: string };

  /** The period (default: this year) over the actor's own procuratorate. */
  function filterOf(request: FastifyRequest, query: FilterQuery): GovernanceFilter {
    const now = today();
    return { procuratorateId: actorOf(request).organizationId, ...requestedPeriod(query, now, 'year_end'), asOf: query.asOf ?? now, agencyId: query.agencyId ?? null };
  }
  const echo = (f: GovernanceFilter) => ({ from: f.from, to: f.to, asOf: f.asOf, agencyId: f.agencyId });

  r.get('/api/governance/agencies', {
    config: { policy: ['governance', 'read'] },
    schema: { tags, summary: 'Agencies ranked by the supervision cases filed in the period, with cases served, not adopted, followed up and overdue', querystring: z.object(filterQuery) },
    handler: async (request) => {
      const f = filterOf(request, request.query);
      const rows = await rankAgencies(db, f);
      return { ...echo(f), items: rows.map((row) => ({ agency: { id: row.agency_id, name: row.agency_name }, ...presentCounts(row) })) };
    },
  });

  r.get('/api/governance/matters', {
    config: { policy: ['governance', 'read'] },
    schema: { tags, summary: 'Matters (model, charge or clue matter) ranked by the supervision cases filed in the period', querystring: z.object(filterQuery) },
    handler: async (request) => {
      const f = filterOf(request, request.query);
      const rows = await rankMatters(db, f);
      return { ...echo(f), items: rows.map((row) => ({ matter: row.matter, agencies: row.agencies, ...presentCounts(row) })) };
    },
  });

  r.get('/api/governance/trend', {
    config: { policy: ['governance', 'read'] },
    schema: { tags, summary: 'Supervision cases per month of filing', querystring: z.object(filterQuery) },
    handler: async (request) => {
      const f = filterOf(request, request.query);
      const rows = await monthlyTrend(db, f);
      return { ...echo(f), items: rows.map((row) => ({ month: row.month, ...presentCounts(row) })) };
    },
  });

  r.get('/api/governance/patterns', {
    config: { policy: ['governance', 'read'] },
    schema: {
      tags,
      summary: 'Repeated problems: (agency × matter) with at least minCases cases in the period, or any not-adopted reply or follow-up letter',
      querystring: z.object({ ...filterQuery, minCases }),
    },
    handler: async (request) => {
      const f = filterOf(request, request.query);
      const rows = await findPatterns(db, f, request.query.minCases);
      return {
        ...echo(f),
        minCases: request.query.minCases,
        items: rows.map((row) => ({ agency: { id: row.agency_id, name: row.agency_name }, matter: row.matter, firstOn: row.first_on, lastOn: row.last_on, ...presentCounts(row) })),
      };
    },
  });

  async function caseList(request: FastifyRequest, query: FilterQuery, list: CaseListFilter, page: number, pageSize: number) {
    const f = filterOf(request, query);
    const { total, rows } = await governanceCaseList(db, f, list, page, pageSize);
    return { ...echo(f), ...list, total, page, pageSize, items: rows.map(presentGovernanceCase) };
  }

  r.get('/api/governance/cases', {
    config: { policy: ['governance', 'read'] },
    schema: {
      tags,
      summary: 'The cases behind any count (agency, matter, month, flag), a page at a time — the same query as the counts',
      querystring: z.object({ ...filterQuery, matter: matter.optional(), month: z.string().regex(/^\d{4}-\d{2}$/).optional(), flag: z.enum(GOVERNANCE_FLAGS).optional(), ...pageQuery }),
    },
    handler: async (request) => {
      const { matter: m, month, flag, page, pageSize, ...rest } = request.query;
      return caseList(request, rest, { matter: m ?? null, month: month ?? null, flag: flag ?? null }, page, pageSize);
    },
  });

  r.get('/api/governance/patterns/cases', {
    config: { policy: ['governance', 'read'] },
    schema: {
      tags,
      summary: 'The cases of one pattern (agency × matter), a page at a time',
      querystring: z.object({ ...filterQuery, agencyId: uuid, matter, flag: z.enum(GOVERNANCE_FLAGS).optional(), ...pageQuery }),
    },
    handler: async (request) => {
      const { matter: m, flag, page, pageSize, ...rest } = request.query;
      return caseList(request, rest, { matter: m, flag: flag ?? null }, page, pageSize);
    },
  });

  r.post('/api/governance/patterns/suggestion', {
    config: { policy: ['governance', 'draft'] },
    schema: {
      tags,
      summary: 'Open a class case for a pattern and draft its class or social-governance 检察建议书 (an open one already drafted is returned instead)',
      body: z.object({
        agencyId: uuid,
        matter,
        kind: z.enum(PATTERN_SUGGESTION_KINDS),
        caseIds: z.array(uuid).min(1).max(500).optional(),
        from: calendarDate.optional(),
        to: calendarDate.optional(),
        minCases,
      }),
    },
    handler: async (request, reply) => {
      const { agencyId, matter: m, kind, caseIds, from, to, minCases: threshold } = request.body;
      const f = { ...filterOf(request, { from, to }), agencyId: null };
      const result = await draftPatternSuggestion(db, contextOf(request), f, { agencyId, matter: m, kind, caseIds, on: today() }, (rows) =>
        isPattern({ cases: rows.length, notAdopted: rows.filter((x) => x.not_adopted).length, followUps: rows.filter((x) => x.follow_up).length }, threshold),
      );
      return reply.code(result.created ? 201 : 200).send(result);
    },
  });
}
