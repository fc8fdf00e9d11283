import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formatDocumentNumber } from '../../domain/documents/numbering.js';
import { numberingSettings, saveNumberingSettings } from '../commands/numbering.js';
import { actorOf, contextOf, withCurrentOnConflict } from '../http.js';

const code = z.string().trim().min(1).max(10);

export default async function numberingRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  /** The settings with an example number per type, so the administrator sees what they get. */
  const present = async (procuratorateId: string) => {
    const s = await numberingSettings(db, procuratorateId);
    const year = new Date().getFullYear();
    const examples = Object.fromEntries(
      Object.entries(s.typeCodes).map(([type, typeCode]) => [type, formatDocumentNumber(s.pattern, { province: s.provinceCode, procuratorate: s.procuratorateCode, department: s.departmentCode, type: typeCode, year, serial: 1 })]),
    );
    return { ...s, examples };
  };

  r.get('/api/settings/numbering', {
    config: { policy: ['numbering', 'read'] },
    schema: { tags: ['documents'], summary: "The procuratorate's number pattern, codes and an example number per type" },
    handler: async (request) => present(actorOf(request).organizationId),
  });

  r.put('/api/settings/numbering', {
    config: { policy: ['numbering', 'manage'] },
    schema: {
      tags: ['documents'],
      summary: 'Set the number pattern (tokens {province}{procuratorate}{department}{type}{year}{serial}), codes and red header',
      body: z.object({
        version: z.number().int().nullable(),
        provinceCode: code,
        procuratorateCode: code,
        departmentCode: code,
        pattern: z.string().trim().min(1).max(100),
        typeCodes: z.record(z.string().regex(/^[a-z_]+$/), code),
        redHeader: z.boolean(),
      }),
    },
    handler: async (request) => {
      const id = actorOf(request).organizationId;
      await withCurrentOnConflict(() => saveNumberingSettings(db, contextOf(request), id, request.body), () => present(id));
      return present(id);
    },
  });
}
