import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FESTIVALS } from '../../domain/calendar/index.js';
import { addHolidaySchedule, currentCalendar, loadHolidaySchedules } from '../commands/holidaySchedules.js';
import { contextOf } from '../http.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const schedule = z.object({
  year: z.number().int().min(2000).max(2100),
  notice: z.object({ title: z.string().trim().min(1).max(200), number: z.string().trim().min(1).max(100), issuedOn: isoDate }),
  holidays: z
    .array(z.object({ festivals: z.array(z.enum(FESTIVALS)).min(1).max(2), first: isoDate, last: isoDate, days: z.number().int().min(1).max(15), adjustedWorkingDays: z.array(isoDate).max(5) }))
    .min(1)
    .max(10),
});

export default async function calendarRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  await loadHolidaySchedules(db);

  r.get('/api/calendar/schedules', {
    config: { policy: ['calendar', 'read'] },
    schema: { tags: ['calendar'], summary: 'The State Council holiday schedules loaded (deadlines cannot be counted into other years)' },
    handler: async () => {
      const calendar = currentCalendar();
      return { items: calendar.coveredYears().map((year) => calendar.scheduleFor(year)) };
    },
  });

  r.post('/api/calendar/schedules', {
    config: { policy: ['calendar', 'manage'] },
    schema: {
      tags: ['calendar'],
      summary: "Load a year's holiday schedule (or amend one with replace=true); open clocks are recomputed",
      body: z.object({ schedule, replace: z.boolean().default(false) }),
    },
    handler: async (request, reply) => reply.code(201).send(await addHolidaySchedule(db, contextOf(request), request.body.schedule, request.body.replace)),
  });
}
