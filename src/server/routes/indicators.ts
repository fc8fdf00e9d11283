import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isIsoDate } from '../../domain/calendar/index.js';
import { CASE_KINDS } from '../../domain/cases/index.js';
import { INDICATORS, indicatorDefinition, periodProblem, yearPeriod, type IndicatorDefinition } from '../../domain/indicators/index.js';
import { AppError, notFound } from '../errors.js';
import { actorOf, pageQuery, uuid } from '../http.js';
import { computeFigure, drillDown, indicatorFilter } from '../indicators/figures.js';
import { can } from '../policies/policy.js';
import { presentDefinition, presentFigure, presentItem } from '../presenters/indicators.js';
import { today } from '../today.js';

const isoDate = z.string().refine(isIsoDate, 'Not a calendar date (YYYY-MM-DD)');
const filterQuery = {
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** The day "due date passed" is judged on; today by default. */
  asOf: isoDate.optional(),
  agencyId: uuid.optional(),
  kind: z.enum(CASE_KINDS).optional(),
};

export default async function indicatorRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  /**
   * The period (default: this year) and the agency the actor may see: anyone without
   * `read_all_agencies` sees their own agency's figures; asking for another agency's is a 404,
   * as for any record not addressed to them.
   */
  function filterOf(request: FastifyRequest, query: { from?: string; to?: string; asOf?: string; agencyId?: string; kind?: (typeof CASE_KINDS)[number] }) {
    const actor = actorOf(request);
    const now = today();
    const year = yearPeriod(now);
    const period = { from: query.from ?? year.from, to: query.to ?? year.to };
    const problem = periodProblem(period);
    if (problem) throw new AppError(422, problem, 'The period ends before it starts');
    let agencyId = query.agencyId ?? null;
    if (!can(actor, 'indicator', 'read_all_agencies')) {
      if (agencyId && agencyId !== actor.organizationId) throw notFound('Agency');
      agencyId = actor.organizationId;
    }
    return indicatorFilter({ ...period, asOf: query.asOf ?? now, agencyId, kind: query.kind ?? null });
  }

  const visible = (request: FastifyRequest): IndicatorDefinition[] => {
    const internal = can(actorOf(request), 'indicator', 'read_internal');
    return INDICATORS.filter((d) => d.audience === 'all' || internal);
  };

  r.get('/api/indicators', {
    config: { policy: ['indicator', 'read'] },
    schema: {
      tags: ['indicators'],
      summary: 'Every indicator the user may see for a period (default: this year), agency and case kind: numerator, denominator, value and definition',
      querystring: z.object(filterQuery),
    },
    handler: async (request) => {
      const f = filterOf(request, request.query);
      const figures = [];
      for (const def of visible(request)) figures.push(presentFigure(def, await computeFigure(db, def, f)));
      return { from: f.from, to: f.to, asOf: f.asOf, agencyId: f.agencyId, kind: f.kind, items: figures };
    },
  });

  r.get('/api/indicators/:id/items', {
    config: { policy: ['indicator', 'read'] },
    schema: {
      tags: ['indicators'],
      summary: 'The items behind an indicator’s numerator or denominator (drill-down), a page at a time',
      params: z.object({ id: z.string().max(64) }),
      querystring: z.object({ ...filterQuery, part: z.enum(['numerator', 'denominator']).default('denominator'), ...pageQuery }),
    },
    handler: async (request) => {
      const def = indicatorDefinition(request.params.id);
      if (!def || !visible(request).includes(def)) throw notFound('Indicator');
      const { part, page, pageSize } = request.query;
      const f = filterOf(request, request.query);
      const { total, rows } = await drillDown(db, def, f, part, page, pageSize);
      const caseTitles = actorOf(request).organizationKind !== 'justice_bureau';
      return { indicator: presentDefinition(def), part, from: f.from, to: f.to, asOf: f.asOf, agencyId: f.agencyId, kind: f.kind, total, page, pageSize, items: rows.map((row) => presentItem(row, { caseTitles })) };
    },
  });
}
