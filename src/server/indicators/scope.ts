/**
 * What an indicator, assessment or 诉源治理 request covers: its period, with the defaults and the
 * check the three share, and the agency whose figures the actor may see.
 */
import { periodProblem, yearPeriod, type Period } from '../../domain/indicators/index.js';
import { AppError, notFound } from '../errors.js';
import { can, type Actor } from '../policies/policy.js';

/**
 * The period asked for: from 1 January of `now`'s year unless given, to the given day, else the
 * year's end (dashboards) or `now` (the assessment, "year to date"). One that ends before it
 * starts is a 422.
 */
export function requestedPeriod(query: { from?: string; to?: string }, now: string, defaultTo: 'year_end' | 'today'): Period {
  const year = yearPeriod(now);
  const period = { from: query.from ?? year.from, to: query.to ?? (defaultTo === 'today' ? now : year.to) };
  const problem = periodProblem(period);
  if (problem) throw new AppError(422, problem, 'The period ends before it starts');
  return period;
}

/**
 * The agency filter an actor may use: any (or none: all agencies) with the right to read every
 * agency's figures; otherwise only their own organization — asking for another is answered as if
 * it did not exist.
 */
export function visibleAgency<T extends string>(actor: Actor, asked: T | null | undefined): T | string | null {
  if (can(actor, 'indicator', 'read_all_agencies')) return asked ?? null;
  if (asked && asked !== actor.organizationId) throw notFound('Agency');
  return actor.organizationId;
}
