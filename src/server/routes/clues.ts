import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CASE_KINDS, CLUE_SOURCES, CLUE_STATUSES, NON_PROSECUTION_KINDS } from '../../domain/cases/index.js';
import { recordAudit } from '../commands/audit.js';
import { declineClue, evaluateClue, fileCase, findDuplicates, mergeClue, registerClue, type ClueInput } from '../commands/clues.js';
import { currentModel } from '../commands/models.js';
import { syncNonProsecutionClues } from '../commands/nonProsecutionSync.js';
import { AppError, forbidden, notFound } from '../errors.js';
import { actorOf, contextOf, idParams, pageQuery, uuid, withCurrentOnConflict } from '../http.js';
import { authorize, hasRole, inAgency } from '../policies/policy.js';
import { clueRecord, clueScope, listClues, presentClues } from '../presenters/cases.js';
import { today } from '../today.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const text = (max: number) => z.string().trim().max(max);

const nonProsecution = z.object({
  decisionNo: text(100).min(1),
  decidedOn: isoDate,
  kind: z.enum(NON_PROSECUTION_KINDS),
  charge: text(100).min(1),
  facts: text(20_000).default(''),
  actDate: isoDate.nullable().default(null),
  transferredOn: isoDate.nullable().default(null),
  criminalDepartmentView: text(5000).nullable().default(null),
  procuratorate: text(200).nullable().default(null),
});

const clueBody = z.object({
  source: z.enum(CLUE_SOURCES).default('manual'),
  title: text(300).min(1),
  summary: text(20_000).optional(),
  subjectName: text(100).nullable().optional(),
  subjectIdNumber: text(40).nullable().optional(),
  matter: text(200).nullable().optional(),
  agencyId: uuid.nullable().optional(),
  receivedOn: isoDate.optional(),
  nonProsecution: nonProsecution.nullable().optional(),
  procuratorateId: uuid.nullable().optional(),
});

export default async function clueRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  async function loadClue(request: FastifyRequest, id: string, action: string) {
    const row = await db.selectFrom('clues').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('Clue');
    authorize(actorOf(request), 'clue', 'read', clueRecord(row), { hideExistence: true });
    if (action !== 'read') authorize(actorOf(request), 'clue', action, clueRecord(row));
    return row;
  }

  async function unmaskFor(request: FastifyRequest, wanted: boolean | undefined, id: string) {
    if (!wanted) return false;
    authorize(actorOf(request), 'clue', 'unmask');
    await db.transaction().execute((trx) => recordAudit(trx, contextOf(request), { action: 'clue.unmask', recordType: 'clue', recordId: id }));
    return true;
  }

  const present = async (id: string) => (await presentClues(db, [await db.selectFrom('clues').selectAll().where('id', '=', id).executeTakeFirstOrThrow()], false))[0];

  r.get('/api/clues', {
    config: { policy: ['clue', 'list'] },
    schema: {
      tags: ['clues'],
      summary: 'The clue register, newest first (an agency sees the clues it transferred)',
      querystring: z.object({ ...pageQuery, status: z.enum(CLUE_STATUSES).optional(), source: z.enum(CLUE_SOURCES).optional(), q: text(100).optional() }),
    },
    handler: async (request) => {
      const { page, pageSize, ...filter } = request.query;
      return listClues(db, { ...filter, ...clueScope(actorOf(request)) }, page, pageSize);
    },
  });

  r.post('/api/clues', {
    config: { policy: ['clue', 'create'] },
    schema: { tags: ['clues'], summary: 'Register a clue: manual entry, complaint, a non-prosecution decision, or an agency transfer', body: clueBody },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      const body = request.body;
      // The source follows from who submits: an agency transfers, the criminal department hands over decisions.
      const source = inAgency(actor) ? 'agency_transfer' : hasRole(actor, 'procurator', 'department_head') ? body.source : 'non_prosecution';
      if (source === 'agency_transfer' && !inAgency(actor)) throw new AppError(422, 'invalid_source', 'Only an agency transfers clues');
      if (source === 'model_hit') throw new AppError(422, 'invalid_source', 'Clues from model hits are created from the hit');
      if (source === 'non_prosecution' && !body.nonProsecution) throw new AppError(422, 'non_prosecution_required', 'Enter the non-prosecution decision');
      const np = body.nonProsecution ? { ...body.nonProsecution, transferredOn: body.nonProsecution.transferredOn ?? today() } : null;
      const input: ClueInput & { procuratorateId?: string | null } = {
        ...body,
        source,
        receivedOn: body.receivedOn ?? today(),
        nonProsecution: np,
        agencyId: inAgency(actor) ? actor.organizationId : body.agencyId,
        matter: body.matter ?? np?.charge ?? null,
        sourceKey: np ? `${np.decisionNo}|${body.subjectIdNumber ?? body.subjectName ?? ''}` : null,
      };
      const { clue, duplicates } = await registerClue(db, contextOf(request), input);
      return reply.code(201).send({ clue: await present(clue.id), duplicates });
    },
  });

  r.post('/api/hits/:id/clue', {
    config: { policy: ['clue', 'create'] },
    schema: { tags: ['clues'], summary: 'Turn a confirmed model hit into a clue, carrying its evidence', params: idParams, body: z.object({ agencyId: uuid.nullable().optional() }) },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      authorize(actor, 'hit', 'read');
      if (inAgency(actor)) throw forbidden();
      const hit = await db.selectFrom('hits').selectAll().where('id', '=', request.params.id).executeTakeFirst();
      if (!hit) throw notFound('Hit');
      // A hit is a clue, not a finding: only a confirmed one enters the register (DOMAIN §12).
      if (hit.review_status !== 'confirmed') throw new AppError(409, 'hit_not_confirmed', 'Confirm the hit before registering it as a clue');
      const run = await db.selectFrom('model_runs').select(['as_of', 'model_version']).where('id', '=', hit.run_id).executeTakeFirstOrThrow();
      // The register speaks the model's own words (its zh-CN title and rule titles), not its ids.
      const model = await currentModel(db, hit.model_id);
      const ruleTitles = hit.rules.map((id) => model.rules.find((r) => r.id === id)?.title['zh-CN'] ?? id);
      const { clue, duplicates } = await registerClue(db, contextOf(request), {
        source: 'model_hit',
        sourceKey: `${hit.model_id}|${hit.subject_key}`,
        hitId: hit.id,
        title: `${hit.name ?? hit.subject_key}：${model.title['zh-CN']}`,
        summary: [`命中规则：${ruleTitles.join('；')}`, hit.review_reason ? `审核意见：${hit.review_reason}` : ''].filter(Boolean).join('\n'),
        subjectName: hit.name,
        subjectIdNumber: hit.id_number,
        matter: model.title['zh-CN'],
        agencyId: request.body.agencyId ?? null,
        receivedOn: today(),
        evidence: { modelId: hit.model_id, modelTitle: model.title['zh-CN'], modelVersion: run.model_version, runId: hit.run_id, asOf: run.as_of, rules: hit.rules, evidence: hit.evidence, subject: hit.subject, reviewReason: hit.review_reason },
      });
      return reply.code(201).send({ clue: await present(clue.id), duplicates });
    },
  });

  r.post('/api/clues/sync-non-prosecution', {
    config: { policy: ['clue', 'sync'] },
    schema: { tags: ['clues'], summary: 'Register every decision of the newest non_prosecution_decisions dataset not yet in the register' },
    handler: async (request) => syncNonProsecutionClues(db, app.deps.warehouse, contextOf(request), actorOf(request).organizationId),
  });

  r.get('/api/clues/:id', {
    config: { policy: ['clue', 'read'] },
    schema: { tags: ['clues'], summary: 'One clue with its possible duplicates; ID numbers masked unless unmask=1', params: idParams, querystring: z.object({ unmask: z.coerce.boolean().optional() }) },
    handler: async (request) => {
      const row = await loadClue(request, request.params.id, 'read');
      const full = await unmaskFor(request, request.query.unmask, row.id);
      const [clue] = await presentClues(db, [row], full);
      const duplicates = inAgency(actorOf(request)) ? [] : await findDuplicates(db, row.procuratorate_id, { idNumber: row.subject_id_number, name: row.subject_name }, row.matter, row.id);
      return { ...clue, duplicates };
    },
  });

  const versioned = <T extends z.ZodRawShape>(shape: T) => z.object({ version: z.number().int(), ...shape });

  r.post('/api/clues/:id/evaluation', {
    config: { policy: ['clue', 'evaluate'] },
    schema: { tags: ['clues'], summary: 'Record the evaluation of a clue (and who evaluates it, which agency it concerns)', params: idParams, body: versioned({ evaluation: text(20_000).min(1), assigneeId: uuid.nullable().optional(), agencyId: uuid.nullable().optional() }) },
    handler: async (request) => {
      await loadClue(request, request.params.id, 'evaluate');
      await withCurrentOnConflict(() => evaluateClue(db, contextOf(request), request.params.id, request.body), () => present(request.params.id));
      return present(request.params.id);
    },
  });

  r.post('/api/clues/:id/decline', {
    config: { policy: ['clue', 'decline'] },
    schema: { tags: ['clues'], summary: 'Decide not to file a case, with the reason', params: idParams, body: versioned({ reason: text(5000).min(1) }) },
    handler: async (request) => {
      await loadClue(request, request.params.id, 'decline');
      await withCurrentOnConflict(() => declineClue(db, contextOf(request), request.params.id, request.body), () => present(request.params.id));
      return present(request.params.id);
    },
  });

  r.post('/api/clues/:id/merge', {
    config: { policy: ['clue', 'merge'] },
    schema: { tags: ['clues'], summary: 'Merge a duplicate clue into another', params: idParams, body: versioned({ intoId: uuid }) },
    handler: async (request) => {
      await loadClue(request, request.params.id, 'merge');
      await withCurrentOnConflict(() => mergeClue(db, contextOf(request), request.params.id, request.body), () => present(request.params.id));
      return present(request.params.id);
    },
  });

  r.post('/api/clues/:id/case', {
    config: { policy: ['clue', 'file'] },
    schema: {
      tags: ['clues'],
      summary: 'File the clue as a case (立案 / 登记受理); with a procurator, the review starts at once',
      params: idParams,
      body: versioned({ kind: z.enum(CASE_KINDS), agencyId: uuid, procuratorId: uuid.nullable().optional(), registeredOn: isoDate.optional(), title: text(300).min(1).optional(), windowOverrideReason: text(2000).nullable().optional() }),
    },
    handler: async (request, reply) => {
      await loadClue(request, request.params.id, 'file');
      const created = await withCurrentOnConflict(
        () => fileCase(db, contextOf(request), request.params.id, { ...request.body, registeredOn: request.body.registeredOn ?? today() }),
        () => present(request.params.id),
      );
      return reply.code(201).send({ id: created.id, number: created.number, state: created.state });
    },
  });
}
