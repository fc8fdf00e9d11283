import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CASE_KINDS } from '../../domain/cases/index.js';
import {
  BREAKDOWN_DIMENSIONS,
  FUNNEL_STEPS,
  FUNNEL_STEP_IDS,
  INDICATORS,
  NO_KEY,
  indicatorDefinition,
  type IndicatorDefinition,
} from '../../domain/indicators/index.js';
import { forbidden, notFound } from '../errors.js';
import { actorOf, calendarDate, pageQuery, uuid } from '../http.js';
import { computeBreakdown } from '../indicators/breakdowns.js';
import { computeFigures, drillDown, indicatorFilter } from '../indicators/figures.js';
import { computeFunnel, funnelDrillDown } from '../indicators/funnel.js';
import type { IndicatorCell } from '../indicators/items.js';
import { requestedPeriod, visibleAgency } from '../indicators/scope.js';
import { can } from '../policies/policy.js';
import { presentBreakdownRow, presentDefinition, presentFigure, presentFunnelStep, presentItem } from '../presenters/indicators.js';
import { today } from '../today.js';

const none = z.literal(NO_KEY);
const filterQuery = {
  from: calendarDate.optional(),
  to: calendarDate.optional(),
  /** The day "due date passed" is judged on; today by default. */
  asOf: calendarDate.optional(),
  /** An agency; "none" (drill-down of a breakdown cell only): the items without an agency. */
  agencyId: z.union([uuid, none]).optional(),
  kind: z.enum(CASE_KINDS).optional(),
};
/** A breakdown cell, as the drill-down takes it: the keys of GET /api/indicators/:id/breakdown. */
const cellQuery = {
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'A month (YYYY-MM)').optional(),
  procuratorId: z.union([uuid, none]).optional(),
  caseKind: z.union([z.enum(CASE_KINDS), none]).optional(),
};

type FilterQuery = { from?: string; to?: string; asOf?: string; agencyId?: string; kind?: (typeof CASE_KINDS)[number] } & { month?: string; procuratorId?: string; caseKind?: string };

export default async function indicatorRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  /**
   * The period (default: this year) and the agency the actor may see: anyone without
   * `read_all_agencies` sees their own agency's figures; asking for another agency's is a 404,
   * as for any record not addressed to them. The cell keys narrow a drill-down to one breakdown cell.
   */
  function filterOf(request: FastifyRequest, query: FilterQuery) {
    const actor = actorOf(request);
    const now = today();
    const period = requestedPeriod(query, now, 'year_end');
    let agencyId = visibleAgency(actor, query.agencyId);
    const cell: IndicatorCell = {};
    if (agencyId === NO_KEY) {
      cell.agency = NO_KEY;
      agencyId = null;
    }
    if (query.month) cell.month = query.month;
    if (query.procuratorId) cell.procurator = query.procuratorId;
    if (query.caseKind) cell.kind = query.caseKind;
    // The justice bureau assesses the government's agencies: documents served on courts are not theirs.
    const agenciesOnly = actor.organizationKind === 'justice_bureau';
    return { ...indicatorFilter({ ...period, asOf: query.asOf ?? now, agencyId, kind: query.kind ?? null, cell }), agenciesOnly };
  }

  const visible = (request: FastifyRequest): IndicatorDefinition[] => {
    const internal = can(actorOf(request), 'indicator', 'read_internal');
    return INDICATORS.filter((d) => d.audience === 'all' || internal);
  };
  const visibleDefinition = (request: FastifyRequest, id: string) => {
    const def = indicatorDefinition(id);
    if (!def || !visible(request).includes(def)) throw notFound('Indicator');
    return def;
  };
  const echo = (f: ReturnType<typeof filterOf>) => ({ from: f.from, to: f.to, asOf: f.asOf, agencyId: f.agencyId, kind: f.kind });
  /** Case titles carry the person's name: not for the justice bureau. */
  const caseTitles = (request: FastifyRequest) => actorOf(request).organizationKind !== 'justice_bureau';

  r.get('/api/indicators', {
    config: { policy: ['indicator', 'read'] },
    schema: {
      tags: ['indicators'],
      summary: 'Every indicator the user may see for a period (default: this year), agency and case kind: numerator, denominator, value and definition',
      querystring: z.object(filterQuery),
    },
    handler: async (request) => {
      const f = filterOf(request, request.query);
      const defs = visible(request);
      const figures = await computeFigures(db, defs, f);
      return { ...echo(f), items: defs.map((def, i) => presentFigure(def, figures[i])) };
    },
  });

  r.get('/api/indicators/funnel', {
    config: { policy: ['indicator', 'read_internal'] },
    schema: {
      tags: ['indicators'],
      summary: 'The funnel from clues to corrections for the clues received in the period (cohort): the count at each step',
      querystring: z.object(filterQuery),
    },
    handler: async (request) => {
      const f = filterOf(request, request.query);
      const counts = await computeFunnel(db, f);
      return { ...echo(f), steps: counts.map(({ step, count }) => presentFunnelStep(FUNNEL_STEPS.find((s) => s.id === step)!, count)) };
    },
  });

  r.get('/api/indicators/funnel/items', {
    config: { policy: ['indicator', 'read_internal'] },
    schema: {
      tags: ['indicators'],
      summary: 'The clues counted at one step of the funnel (drill-down), a page at a time',
      querystring: z.object({ ...filterQuery, step: z.enum(FUNNEL_STEP_IDS), ...pageQuery }),
    },
    handler: async (request) => {
      const { step, page, pageSize } = request.query;
      const f = filterOf(request, request.query);
      const { total, rows } = await funnelDrillDown(db, f, step, page, pageSize);
      return { step: presentFunnelStep(FUNNEL_STEPS.find((s) => s.id === step)!, total), ...echo(f), total, page, pageSize, items: rows.map((row) => presentItem(row, { caseTitles: true })) };
    },
  });

  r.get('/api/indicators/:id/items', {
    config: { policy: ['indicator', 'read'] },
    schema: {
      tags: ['indicators'],
      summary: 'The items behind an indicator’s numerator, denominator or the rest of the denominator (drill-down), optionally of one breakdown cell, a page at a time',
      params: z.object({ id: z.string().max(64) }),
      querystring: z.object({ ...filterQuery, ...cellQuery, part: z.enum(['numerator', 'denominator', 'remainder']).default('denominator'), ...pageQuery }),
    },
    handler: async (request) => {
      const def = visibleDefinition(request, request.params.id);
      const { part, page, pageSize } = request.query;
      const f = filterOf(request, request.query);
      if (f.cell?.procurator && !can(actorOf(request), 'indicator', 'read_internal')) throw forbidden();
      const { total, rows } = await drillDown(db, def, f, part, page, pageSize);
      return { indicator: presentDefinition(def), part, ...echo(f), cell: f.cell ?? {}, total, page, pageSize, items: rows.map((row) => presentItem(row, { caseTitles: caseTitles(request) })) };
    },
  });

  r.get('/api/indicators/:id/breakdown', {
    config: { policy: ['indicator', 'read'] },
    schema: {
      tags: ['indicators'],
      summary: 'An indicator by agency, month, procurator or case kind: one row per cell, each equal to its drill-down (the cells add up to the figure)',
      params: z.object({ id: z.string().max(64) }),
      querystring: z.object({ ...filterQuery, dimension: z.enum(BREAKDOWN_DIMENSIONS) }),
    },
    handler: async (request) => {
      const def = visibleDefinition(request, request.params.id);
      const { dimension } = request.query;
      // Procurators are the procuratorate's internal organisation.
      if (dimension === 'procurator' && !can(actorOf(request), 'indicator', 'read_internal')) throw forbidden();
      const f = filterOf(request, request.query);
      const rows = await computeBreakdown(db, def, f, dimension);
      return { indicator: presentDefinition(def), dimension, ...echo(f), items: rows.map(presentBreakdownRow) };
    },
  });
}
