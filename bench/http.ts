/** What the HTTP benchmarks share: signing in a demo user and reading percentiles. */
import { DEMO_PASSWORD } from '../src/server/db/seed.js';

/** Signs a demo user in over real HTTP; the session cookie (`jx_sid=…`) to send with requests. */
export async function login(baseUrl: string, username: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('jx_sid='));
  if (!cookie) throw new Error(`login ${username}: no session cookie`);
  return cookie.split(';')[0];
}

/** The q-quantile (nearest rank) of ascending numbers. */
export function percentile(sorted: number[], q: number) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
