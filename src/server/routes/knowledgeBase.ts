import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AGENCY_SECTORS } from '../../domain/knowledgeBase/sectors.js';
import { CONFIDENCE_LEVELS, RULE_TRIGGERS, SANCTION_KINDS, type ChargeRule } from '../../domain/knowledgeBase/types.js';
import { RULE_CODE } from '../../domain/knowledgeBase/validate.js';
import { NON_PROSECUTION_KINDS } from '../../domain/reverseConnection/checks.js';
import {
  createChargeRule,
  currentRule,
  currentRules,
  organizationsWithSectors,
  proposeAgencies,
  ruleHistory,
  setOrganizationSectors,
  updateChargeRule,
} from '../commands/knowledgeBase.js';
import { computeReviewChecks } from '../commands/reverseConnectionChecks.js';
import { AppError, notFound } from '../errors.js';
import { actorOf, contextOf, withCurrentOnConflict } from '../http.js';
import { presentReviewChecks, presentRule, presentRuleVersion, presentSectors } from '../presenters/knowledgeBase.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const codeParams = z.object({ code: z.string().max(63) });
const organizationParams = z.object({ organizationId: z.uuid() });
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((s) => (s ? s : undefined));

const provision = z.object({
  id: z.string().trim().min(1).max(63),
  series: optionalText(100),
  law: z.string().trim().min(1).max(200),
  lawVersion: z.string().trim().max(100).default(''),
  article: z.string().trim().max(200).default(''),
  summary: z.string().trim().min(1).max(2000),
  sanctionKinds: z.array(z.enum(SANCTION_KINDS)).min(1).max(SANCTION_KINDS.length),
  sectors: z.array(z.enum(AGENCY_SECTORS)).max(AGENCY_SECTORS.length).nullable().optional().transform((s) => (s && s.length ? s : undefined)),
  effectiveFrom: isoDate.nullable().default(null),
  effectiveTo: isoDate.nullable().default(null),
  confidence: z.enum(CONFIDENCE_LEVELS),
  note: optionalText(2000),
});

const ruleContent = z.object({
  charge: z.string().trim().min(1).max(200),
  aliases: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
  sectors: z.array(z.enum(AGENCY_SECTORS)).min(1).max(AGENCY_SECTORS.length),
  appliesAfter: z.array(z.enum(RULE_TRIGGERS)).min(1).max(RULE_TRIGGERS.length).default(['non_prosecution']),
  provisions: z.array(provision).min(1).max(50),
  confidence: z.enum(CONFIDENCE_LEVELS),
  note: optionalText(2000),
  source: optionalText(200),
  effectiveFrom: isoDate.nullable().default(null),
  effectiveTo: isoDate.nullable().default(null),
});
const changeNote = z.string().trim().max(500).nullable().optional();

/** The JSON schema's output as the domain's rule (optional fields left out rather than undefined). */
function toRule(code: string, body: z.infer<typeof ruleContent>): ChargeRule {
  return JSON.parse(JSON.stringify({ code, ...body })) as ChargeRule;
}

const reviewCheckBody = z.object({
  actDate: isoDate,
  continuingActEndDate: isoDate.nullable().optional(),
  severeHarm: z.boolean().default(false),
  discoveryDate: isoDate.nullable().optional(),
  specialLimitation: z.object({ months: z.number().int().min(1).max(240), basis: z.string().trim().min(1).max(200) }).nullable().optional(),
  asOf: isoDate.optional(),
  idNumber: z.string().trim().max(40).nullable().optional(),
  birthDate: isoDate.nullable().optional(),
  chargeText: z.string().trim().max(200).nullable().optional(),
  nonProsecution: z
    .object({ kind: z.enum(NON_PROSECUTION_KINDS), decisionDate: isoDate.nullable().optional(), transferredOn: isoDate.nullable().optional() })
    .nullable()
    .optional(),
  settings: z.object({ excludeConditional: z.boolean().optional(), sameActWindowDays: z.number().int().min(0).max(3650).optional() }).optional(),
});

export default async function knowledgeBaseRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  const presentCurrent = async (code: string) => {
    const rule = await currentRule(db, code);
    return rule && presentRule(rule);
  };

  r.get('/api/knowledge/charge-rules', {
    config: { policy: ['knowledge', 'read'] },
    schema: { tags: ['knowledge'], summary: 'The charge → agency → penalty rules, current versions' },
    handler: async () => ({ items: (await currentRules(db)).map(presentRule), sectors: presentSectors() }),
  });

  r.get('/api/knowledge/charge-rules/:code', {
    config: { policy: ['knowledge', 'read'] },
    schema: { tags: ['knowledge'], summary: 'One rule with every earlier version', params: codeParams },
    handler: async (request) => {
      const history = await ruleHistory(db, request.params.code);
      const current = history.find((h) => h.retiredAt === null);
      if (!current) throw notFound('Charge rule');
      return { ...presentRule(current), history: history.map(presentRuleVersion) };
    },
  });

  r.put('/api/knowledge/charge-rules/:code', {
    config: { policy: ['knowledge', 'edit'] },
    schema: {
      tags: ['knowledge'],
      summary: 'Save an edited rule as its next version (409 with the current rule on a stale version)',
      params: codeParams,
      body: ruleContent.extend({ version: z.number().int().min(1), changeNote }),
    },
    handler: async (request) => {
      const { version, changeNote: note, ...content } = request.body;
      const { code } = request.params;
      const saved = await withCurrentOnConflict(() => updateChargeRule(db, contextOf(request), code, { version, rule: toRule(code, content), changeNote: note ?? null }), () => presentCurrent(code));
      return presentRule(saved);
    },
  });

  r.post('/api/knowledge/charge-rules', {
    config: { policy: ['knowledge', 'edit'] },
    schema: { tags: ['knowledge'], summary: 'Add a rule', body: ruleContent.extend({ code: z.string().regex(RULE_CODE), changeNote }) },
    handler: async (request, reply) => {
      const { code, changeNote: note, ...content } = request.body;
      return reply.code(201).send(presentRule(await createChargeRule(db, contextOf(request), toRule(code, content), note ?? null)));
    },
  });

  r.get('/api/knowledge/propose', {
    config: { policy: ['knowledge', 'read'] },
    schema: {
      tags: ['knowledge'],
      summary: 'Rules, provisions in force on the act date, and local agencies for a charge',
      querystring: z.object({ charge: z.string().trim().min(1).max(200), actDate: isoDate.optional() }),
    },
    handler: async (request) => ({
      charge: request.query.charge,
      actDate: request.query.actDate ?? null,
      proposals: await proposeAgencies(db, request.query.charge, request.query.actDate ?? null),
    }),
  });

  r.get('/api/knowledge/sectors', {
    config: { policy: ['knowledge', 'read'] },
    schema: { tags: ['knowledge'], summary: 'Agency sectors, and the agencies mapped to them' },
    handler: async () => ({ sectors: presentSectors(), organizations: await organizationsWithSectors(db) }),
  });

  r.get('/api/knowledge/sectors/:organizationId', {
    config: { policy: ['knowledge', 'read'] },
    schema: { tags: ['knowledge'], summary: 'The sectors of one agency', params: organizationParams },
    handler: async (request) => (await organizationsWithSectors(db, [request.params.organizationId]))[0] ?? Promise.reject(notFound('Organization')),
  });

  r.put('/api/knowledge/sectors/:organizationId', {
    config: { policy: ['knowledge', 'edit'] },
    schema: {
      tags: ['knowledge'],
      summary: 'Set the sectors of an agency',
      params: organizationParams,
      body: z.object({ sectors: z.array(z.enum(AGENCY_SECTORS)).max(AGENCY_SECTORS.length) }),
    },
    handler: async (request) => setOrganizationSectors(db, contextOf(request), request.params.organizationId, request.body.sectors),
  });

  r.post('/api/knowledge/review-checks', {
    config: { policy: ['knowledge', 'read'] },
    schema: {
      tags: ['knowledge'],
      summary: 'The computable items of the reverse-connection review checklist (flags, never decisions)',
      body: reviewCheckBody,
    },
    handler: async (request) => {
      try {
        const checks = await computeReviewChecks(db, app.deps.warehouse, request.body, { actor: actorOf(request), ctx: contextOf(request) });
        return presentReviewChecks(checks);
      } catch (err) {
        if (!(err instanceof RangeError)) throw err;
        const [path, ...rest] = err.message.split(': ');
        throw new AppError(400, 'validation', err.message, { fields: [{ path: rest.length ? path : '', code: 'custom', message: rest.join(': ') || err.message, params: { reason: 'invalid_dates' } }] });
      }
    },
  });
}
