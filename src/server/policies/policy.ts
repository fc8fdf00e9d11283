import type { OrganizationKind, Role } from '../../domain/roles.js';
import { forbidden, notFound } from '../errors.js';

/** The signed-in user as policies see them. */
export interface Actor {
  id: string;
  username: string;
  displayName: string;
  organizationId: string;
  organizationKind: OrganizationKind;
  departmentId: string | null;
  roles: Role[];
}

/**
 * A rule answers "may this actor do this action on this resource?". Called without a record it
 * answers for the kind of resource (used to guard routes and build the menu); with a record it
 * answers for that record.
 */
type Rule = (actor: Actor, record?: unknown) => boolean;

const rules = new Map<string, Rule>();

export function allow<R>(resource: string, actions: string[], rule: (actor: Actor, record?: R) => boolean): void {
  for (const action of actions) {
    const key = `${resource}:${action}`;
    if (rules.has(key)) throw new Error(`policy ${key} defined twice`);
    rules.set(key, rule as Rule);
  }
}

export function can(actor: Actor | null, resource: string, action: string, record?: unknown): boolean {
  const rule = rules.get(`${resource}:${action}`);
  if (!rule) throw new Error(`no policy for ${resource}:${action}`);
  return actor !== null && rule(actor, record);
}

/**
 * Throws unless allowed. `hideExistence`: answer 404 instead of 403, where even knowing that the
 * record exists would leak (another agency's case, another organization's user).
 */
export function authorize(
  actor: Actor | null,
  resource: string,
  action: string,
  record?: unknown,
  options: { hideExistence?: boolean } = {},
): void {
  if (can(actor, resource, action, record)) return;
  throw options.hideExistence && record !== undefined ? notFound() : forbidden();
}

export function hasPolicy(resource: string, action: string): boolean {
  return rules.has(`${resource}:${action}`);
}

/** Every resource:action the actor may perform in general; the web app builds its menu from it. */
export function permissionsOf(actor: Actor): string[] {
  return [...rules.entries()].filter(([, rule]) => rule(actor)).map(([key]) => key).sort();
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}

export const inProcuratorate = (actor: Actor) => actor.organizationKind === 'procuratorate';
export const inAgency = (actor: Actor) => actor.organizationKind === 'agency';
