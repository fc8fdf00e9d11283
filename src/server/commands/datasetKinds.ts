/**
 * Custom dataset kinds (DATA-SPEC §1, issue 3): defined by users, stored in `dataset_kinds`, and
 * imported into like the built-in ones. `resolveKind` is the one place a kind name becomes a
 * definition (uploads, previews, commits, the kind list, the command line).
 */
import {
  BUILT_IN_KINDS,
  builtInKind,
  kindDefinitionIssues,
  type ColumnDefinition,
  type KindDefinition,
} from '../../domain/datasetKinds.js';
import type { Db } from '../db/index.js';
import { AppError, conflict, fieldError, notFound } from '../errors.js';
import { recordAudit } from './audit.js';
import type { CommandContext, Trx } from './context.js';

export interface KnownKind {
  definition: KindDefinition;
  builtIn: boolean;
  /** Custom kinds only: for optimistic locking. */
  version: number | null;
  createdBy: string | null;
  updatedAt: string | null;
}

type Reader = Db | Trx;

/** The definition of a kind, built in or custom; undefined when there is none by that name. */
export async function resolveKind(db: Reader, name: string): Promise<KindDefinition | undefined> {
  return builtInKind(name) ?? (await customKind(db, name))?.definition;
}

export async function customKind(db: Reader, name: string): Promise<KnownKind | undefined> {
  const row = await db.selectFrom('dataset_kinds').selectAll().where('kind', '=', name).executeTakeFirst();
  return row ? customView(row) : undefined;
}

function customView(row: { definition: KindDefinition; version: number; created_by_name: string; updated_at: Date }): KnownKind {
  return { definition: row.definition, builtIn: false, version: row.version, createdBy: row.created_by_name, updatedAt: new Date(row.updated_at).toISOString() };
}

/** Every kind: the built-in ones first, then the custom ones by name. */
export async function allKinds(db: Reader): Promise<KnownKind[]> {
  const custom = await db.selectFrom('dataset_kinds').selectAll().orderBy('kind').execute();
  return [
    ...BUILT_IN_KINDS.map((definition) => ({ definition, builtIn: true, version: null, createdBy: null, updatedAt: null })),
    ...custom.map(customView),
  ];
}

/** Every kind's definition, for detecting the kind of a file from its header. */
export async function allKindDefinitions(db: Reader): Promise<KindDefinition[]> {
  return (await allKinds(db)).map((k) => k.definition);
}

export interface KindInput {
  kind: string;
  label: string;
  columns: ColumnDefinition[];
}

/** The definition as stored: trimmed, blank aliases and labels dropped, values only on enums. */
export function cleanDefinition(input: KindInput): KindDefinition {
  const words = (list: string[]) => list.map((s) => s.trim()).filter((s) => s !== '');
  return {
    kind: input.kind.trim(),
    label: input.label.trim(),
    columns: input.columns.map((c) => {
      const values = c.values?.map((v) => ({ value: v.value.trim(), labels: words(v.labels) }));
      return {
        name: c.name.trim(),
        type: c.type,
        required: c.required,
        aliases: words(c.aliases),
        ...(values && values.length > 0 && { values }),
        ...(c.unique && { unique: true }),
      };
    }),
  };
}

/** 400 with one field error per problem, when the definition cannot be used. */
function validate(def: KindDefinition): void {
  const issues = kindDefinitionIssues(def);
  if (builtInKind(def.kind)) issues.unshift({ path: 'kind', message: `"${def.kind}" is the name of a built-in kind` });
  if (issues.length === 0) return;
  throw new AppError(400, 'validation', issues.map((i) => i.message).join('; '), {
    fields: issues.map((i) => ({ path: i.path, code: 'custom', message: i.message, params: { reason: 'invalid_kind_definition' } })),
  });
}

const UNIQUE_VIOLATION = '23505';

export async function createDatasetKind(db: Db, ctx: CommandContext, input: KindInput): Promise<KindDefinition> {
  const def = cleanDefinition(input);
  validate(def);
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('dataset_kinds')
      .values({
        kind: def.kind,
        label: def.label,
        definition: JSON.stringify(def),
        created_by: ctx.actor?.id ?? null,
        created_by_name: ctx.actorName,
      })
      .execute()
      .catch((err) => {
        throw (err as { code?: string }).code === UNIQUE_VIOLATION ? fieldError('kind', 'kind_taken', `A dataset kind "${def.kind}" exists`) : err;
      });
    await recordAudit(trx, ctx, { action: 'dataset_kind.create', recordType: 'dataset_kind', recordId: def.kind, details: { ...def } });
    return def;
  });
}

/**
 * Changes the label or columns of a custom kind. Versions already imported keep the definition
 * they were read with; the next import uses the new one.
 */
export async function updateDatasetKind(
  db: Db,
  ctx: CommandContext,
  kind: string,
  changes: { label?: string; columns?: ColumnDefinition[]; version: number },
): Promise<KindDefinition> {
  if (builtInKind(kind)) throw fieldError('kind', 'built_in_kind', 'Built-in dataset kinds cannot be changed');
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('dataset_kinds').selectAll().where('kind', '=', kind).forUpdate().executeTakeFirst();
    if (!before) throw notFound('Dataset kind');
    if (before.version !== changes.version) throw conflict({ kind, version: before.version, definition: before.definition });
    const def = cleanDefinition({ kind, label: changes.label ?? before.label, columns: changes.columns ?? before.definition.columns });
    validate(def);
    await trx
      .updateTable('dataset_kinds')
      .set({
        label: def.label,
        definition: JSON.stringify(def),
        version: before.version + 1,
        updated_by: ctx.actor?.id ?? null,
        updated_by_name: ctx.actorName,
        updated_at: new Date(),
      })
      .where('kind', '=', kind)
      .execute();
    const { version: _v, ...changed } = changes;
    await recordAudit(trx, ctx, { action: 'dataset_kind.update', recordType: 'dataset_kind', recordId: kind, details: { ...changed } });
    return def;
  });
}
