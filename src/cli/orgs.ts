import { CliError, printJson, printTable, withDatabase } from './io.js';
import type { Handler } from './main.js';
import { listOrganizations } from '../server/presenters/organizations.js';

export const orgsCommand: Handler = async ([sub], values, config) => {
  if (sub !== 'list') throw new CliError('usage: jianxing orgs list [--json]');
  await withDatabase(config, async ({ db }) => {
    const { items } = await listOrganizations(db, {}, 1, 10_000);
    if (values.json) return printJson(items);
    printTable(items.map((o) => ({ name: o.name, short: o.shortName, kind: o.kind, code: o.code ?? '', departments: o.departments.map((d) => d.name) })));
  });
};
