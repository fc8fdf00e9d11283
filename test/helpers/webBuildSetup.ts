import { ensureWebBuilt } from '../../src/cli/webBuild.js';

/** Builds the web app once, so the servers that process and browser tests start need not. */
export default async function setup() {
  await ensureWebBuilt(() => {});
}
