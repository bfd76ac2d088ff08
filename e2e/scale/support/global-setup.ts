// The scale suite's set-up: nginx and redis-server (installed from Debian's packages when missing
// and allowed), then a production build (reused with E2E_SKIP_BUILD=1). Without those programs the
// suite is skipped, saying why (support/fixtures.ts), and nothing is built. The cluster itself starts
// in the worker, so the tests can stop and restart its parts.
import { buildApp, hasBuild, scaleToolsMissing } from "../../../test/support/scale-cluster";

export default async function globalSetup() {
  const missing = scaleToolsMissing(true);
  if (missing) {
    console.log(`[scale] skipping the scale suite: ${missing}`);
    return;
  }
  // Like the main suite: a fresh build unless E2E_SKIP_BUILD=1 and there is one.
  if (process.env.E2E_SKIP_BUILD !== "1" || !hasBuild()) buildApp();
}
