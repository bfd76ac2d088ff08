// The scale suite's set-up: a production build (reused with E2E_SKIP_BUILD=1), and a clear message
// when what it needs is missing. The cluster itself starts in the worker (support/fixtures.ts), so
// the tests can stop and restart its parts.
import { spawnSync } from "node:child_process";
import { buildApp, findNginx, hasBuild } from "../../../test/support/scale-cluster";

export default async function globalSetup() {
  const missing = [
    findNginx() ? null : "nginx (apt-get install -y nginx)",
    spawnSync("redis-server", ["--version"]).status === 0
      ? null
      : "redis-server (apt-get install -y redis-server)",
  ].filter(Boolean);
  if (missing.length) throw new Error(`the scale suite needs ${missing.join(" and ")}`);
  // Like the main suite: a fresh build unless E2E_SKIP_BUILD=1 and there is one.
  if (process.env.E2E_SKIP_BUILD !== "1" || !hasBuild()) buildApp();
}
