#!/usr/bin/env node
/**
 * Runtime matrix: installs the packed package (`npm pack` of the built repository) into a throw-away app and runs
 * one scenario — a signup, then the same signup again (409), through the NEC BaaS handler and the Auth0 handler,
 * with the default hasher — on every runtime and bundler README names:
 *
 *   Node 20 (this node), 22 and 24 (npm `node`), ES module and CommonJS; Bun (npm `bun`); Deno (npm `deno`);
 *   workerd (a Worker bundled by wrangler, served on 127.0.0.1); Vercel's edge-runtime (npm `edge-runtime`);
 *   Jest (CommonJS, no flag); vitest; esbuild bundles for the browser, neutral and node platforms; Rollup (node-resolve
 *   for the browser) and Vite builds;
 *   `wrangler deploy --dry-run`; and, installed with `--omit=optional` (no native bcrypt binary), a 503
 *   `unavailable` naming the fix, never a crash, on Node 20, 22 and 24.
 *
 *   node scripts/runtime-matrix/run.mjs [--only=node22,bun,...]   (after `npm run build`)
 *
 * Runtimes are cached outside the repository (see tools.mjs), so reruns skip the installs. Prints one line per
 * check and closes with "N passed, N failed"; exits 1 when any check failed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { APP_FILES } from "./app-files.mjs";
import { CHECKS } from "./checks.mjs";
import { installTool, pack, run, TOOLS } from "./tools.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const only = process.argv
  .find((a) => a.startsWith("--only="))
  ?.slice(7)
  .split(",");

const work = mkdtempSync(join(tmpdir(), "signupkit-matrix-"));
try {
  const tarball = pack(root, work);
  /** Installs the tarball into a fresh app folder with the scenario files. */
  const makeApp = async (name, extra = []) => {
    const dir = join(work, name);
    mkdirSync(dir);
    writeFileSync(join(dir, "package.json"), `{"name":"matrix-${name}","private":true}\n`);
    for (const [file, text] of Object.entries(APP_FILES)) writeFileSync(join(dir, file), text);
    const installed = await run("npm", ["install", "--no-audit", "--no-fund", ...extra, tarball], {
      cwd: dir,
    });
    if (installed.code !== 0) throw new Error(`npm install of the tarball failed:\n${installed.output}`);
    return dir;
  };
  // Every runtime installs at once (a cold cache takes a few minutes, a warm one none), beside the two apps.
  const [app, appNoNative] = await Promise.all([
    makeApp("app"),
    makeApp("app-no-native", ["--omit=optional"]),
    ...(only === undefined ? Object.keys(TOOLS).map(installTool) : []),
  ]);
  const apps = { app, appNoNative };

  let passed = 0;
  let failed = 0;
  for (const check of CHECKS) {
    if (only !== undefined && !only.some((o) => check.name.startsWith(o))) continue;
    const started = Date.now();
    let problem;
    try {
      problem = await check.run({ ...apps, root });
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
    const took = `${((Date.now() - started) / 1000).toFixed(1)} s`;
    if (problem === undefined) {
      passed++;
      console.log(`ok    ${check.name} (${took})`);
    } else {
      failed++;
      console.log(`FAIL  ${check.name} (${took})\n${String(problem).split("\n").slice(0, 30).join("\n")}`);
    }
  }
  console.log(`runtime matrix: ${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
