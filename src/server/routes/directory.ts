import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { recordAudit } from '../commands/audit.js';
import { actorOf, contextOf } from '../http.js';
import { can } from '../policies/policy.js';
import { presentDirectory, presentMyOrganization } from '../presenters/directory.js';

export default async function directoryRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  /** Full phone numbers are personal data: each unmasked look is one audit event. */
  async function auditContactView(request: Parameters<typeof contextOf>[0], scope: string, contactIds: string[]) {
    if (!can(actorOf(request), 'contact', 'viewPhone') || contactIds.length === 0) return;
    await db.transaction().execute((trx) =>
      recordAudit(trx, contextOf(request), { action: 'contact.view', recordType: 'directory', recordId: scope, details: { contacts: contactIds.length } }),
    );
  }

  r.get('/api/directory', {
    config: { policy: ['directory', 'read'] },
    schema: { tags: ['directory'], summary: 'Organizations and their contact persons' },
    handler: async (request) => {
      const directory = await presentDirectory(db, actorOf(request));
      await auditContactView(request, 'all', directory.organizations.flatMap((o) => o.contacts.map((c) => c.id)));
      return directory;
    },
  });

  r.get('/api/my-organization', {
    config: { policy: ['myOrganization', 'read'] },
    schema: { tags: ['directory'], summary: 'The user’s own organization and the procuratorate’s contacts' },
    handler: async (request) => {
      const view = await presentMyOrganization(db, actorOf(request));
      await auditContactView(request, view.organization.id, [...view.organization.contacts, ...view.procuratorateContacts].map((c) => c.id));
      return view;
    },
  });
}
