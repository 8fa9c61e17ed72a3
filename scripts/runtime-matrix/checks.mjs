/**
 * One check per runtime or bundler. Each `run({ app, appNoNative, root })` resolves `undefined` when it passed, else
 * what went wrong.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { join } from "node:path";
import { run, toolPath } from "./tools.mjs";

const SIGNUP_THEN_409 = [200, 409, 200, 409];
const BCRYPT = ["$2b$", "$2b$"];
const PBKDF2 = ["$pbkdf2-sha256$", "$pbkdf2-sha256$"];

/** The last `RESULT {...}` line of a run's output, parsed. */
function resultOf(output) {
  const line = output
    .split("\n")
    .reverse()
    .find((l) => l.includes("RESULT {"));
  return line === undefined ? undefined : JSON.parse(line.slice(line.indexOf("RESULT ") + 7));
}

/** Compares a run's result with what is expected; the problem as text, or undefined. */
function judge({ code, output }, hashes) {
  const result = resultOf(output);
  if (code !== 0 || result === undefined) return `exit code ${code}, no result:\n${output}`;
  const got = JSON.stringify({ statuses: result.statuses, hashes: result.hashes });
  const want = JSON.stringify({ statuses: SIGNUP_THEN_409, hashes });
  return got === want ? undefined : `expected ${want}, got ${JSON.stringify(result)}`;
}

/** Without the native binary: every signup answers 503 and the reported error names the portable hasher. */
function judgeNoNative({ code, output }) {
  const result = resultOf(output);
  if (code !== 0 || result === undefined) return `exit code ${code} (a crash?), no result:\n${output}`;
  const named = result.errors.length > 0 && result.errors.every((e) => e.includes("signupkit/pbkdf2"));
  const all503 = JSON.stringify(result.statuses) === "[503,503,503,503]";
  return all503 && named
    ? undefined
    : `expected four 503s naming signupkit/pbkdf2, got ${JSON.stringify(result)}`;
}

const node = async (version) => (version === "20" ? process.execPath : toolPath(`node${version}`));

function nodeChecks(version) {
  return [
    ["esm", "run-esm.mjs"],
    ["cjs", "run-cjs.cjs"],
  ].flatMap(([kind, file]) => [
    {
      name: `node${version}-${kind}`,
      run: async ({ app }) => judge(await run(await node(version), [file], { cwd: app }), BCRYPT),
    },
    {
      name: `node${version}-${kind}-without-native-bcrypt`,
      run: async ({ appNoNative }) =>
        judgeNoNative(await run(await node(version), [file], { cwd: appNoNative })),
    },
  ]);
}

/** Bundles `entry` of the app with the repository's esbuild (no alias, no flag beyond the platform). */
async function esbuild(root, app, options) {
  const { build } = createRequire(join(root, "package.json"))("esbuild");
  await build({ absWorkingDir: app, bundle: true, logLevel: "silent", ...options });
}

function esbuildCheck(platform, hashes) {
  return {
    name: `esbuild-${platform}`,
    run: async ({ app, root }) => {
      const outfile = join(app, `out-esbuild-${platform}.mjs`);
      await esbuild(root, app, { entryPoints: ["run-esm.mjs"], platform, format: "esm", outfile });
      return judge(await run(process.execPath, [outfile], { cwd: app }), hashes);
    },
  };
}

/** A free TCP port on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** `wrangler dev` on 127.0.0.1 (workerd, the Worker bundled by wrangler); GET /scenario; then stops it. */
async function workerd({ app }) {
  const port = await freePort();
  const { spawn } = await import("node:child_process");
  const env = { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1" };
  const args = ["dev", "--ip", "127.0.0.1", "--port", String(port), "--log-level", "warn"];
  const child = spawn(process.execPath, [await toolPath("wrangler"), ...args], {
    cwd: app,
    env,
    detached: true,
  });
  let output = "";
  child.stdout.on("data", (c) => (output += c));
  child.stderr.on("data", (c) => (output += c));
  try {
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      if (child.exitCode !== null) return `wrangler dev exited ${child.exitCode}:\n${output}`;
      const url = `http://127.0.0.1:${port}/scenario`;
      const answer = await fetch(url, { signal: AbortSignal.timeout(20_000) }).catch(() => undefined);
      if (answer !== undefined) return judge({ code: 0, output: `RESULT ${await answer.text()}` }, PBKDF2);
    }
    return `wrangler dev did not answer in 90 s:\n${output}`;
  } finally {
    process.kill(-child.pid, "SIGTERM");
  }
}

/** edge-runtime (Vercel's Edge runtime): the app bundled for its conditions, evaluated in an EdgeRuntime. */
async function edgeRuntime({ app, root }) {
  const outfile = join(app, "out-edge.js");
  const conditions = ["edge-light", "worker", "browser"];
  await esbuild(root, app, {
    entryPoints: ["edge-entry.mjs"],
    platform: "browser",
    conditions,
    format: "iife",
    outfile,
  });
  const { EdgeRuntime } = createRequire(await toolPath("edge"))("edge-runtime");
  const runtime = new EdgeRuntime({ initialCode: readFileSync(outfile, "utf8") });
  const result = await runtime.evaluate("globalThis.__signupkitResult");
  return judge({ code: 0, output: `RESULT ${JSON.stringify(result)}` }, PBKDF2);
}

/** The repository's tsc on the app's types.ts under one module resolution. */
function tscCheck(moduleResolution, module) {
  return {
    name: `tsc-${moduleResolution}`,
    run: async ({ app, root }) => {
      const tsc = join(root, "node_modules/typescript/bin/tsc");
      const options = ["--noEmit", "--strict", "--skipLibCheck", "--lib", "es2022,dom"];
      const args = [tsc, ...options, "--module", module, "--moduleResolution", moduleResolution, "types.ts"];
      const checked = await run(process.execPath, args, { cwd: app });
      return checked.code === 0
        ? undefined
        : `tsc --moduleResolution ${moduleResolution} failed:\n${checked.output}`;
    },
  };
}

export const CHECKS = [
  tscCheck("node10", "commonjs"),
  tscCheck("node16", "node16"),
  tscCheck("bundler", "esnext"),
  ...nodeChecks("20"),
  ...nodeChecks("22"),
  ...nodeChecks("24"),
  {
    name: "bun",
    run: async ({ app }) => judge(await run(await toolPath("bun"), ["run-esm.mjs"], { cwd: app }), BCRYPT),
  },
  {
    name: "deno",
    run: async ({ app }) =>
      judge(await run(await toolPath("deno"), ["run", "--allow-all", "run-esm.mjs"], { cwd: app }), PBKDF2),
  },
  { name: "workerd", run: workerd },
  {
    name: "wrangler-deploy-dry-run",
    run: async ({ app }) => {
      const env = { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1" };
      const args = ["deploy", "--dry-run", "--outdir", "out-wrangler"];
      const built = await run(process.execPath, [await toolPath("wrangler"), ...args], { cwd: app, env });
      const ok = built.code === 0 && existsSync(join(app, "out-wrangler", "worker.js"));
      return ok ? undefined : `wrangler deploy --dry-run failed:\n${built.output}`;
    },
  },
  { name: "edge-runtime", run: edgeRuntime },
  {
    name: "jest-cjs",
    run: async ({ app }) => {
      const args = ["--ci", "--rootDir", app, "--testMatch", "**/jest.test.cjs"];
      const tested = await run(process.execPath, [await toolPath("jest"), ...args], { cwd: app });
      return judge(tested, BCRYPT);
    },
  },
  {
    name: "vitest",
    run: async ({ app, root }) => {
      const args = [
        join(root, "node_modules/vitest/vitest.mjs"),
        "run",
        "--root",
        app,
        "--globals",
        "vitest.test.mjs",
      ];
      return judge(await run(process.execPath, args, { cwd: app }), BCRYPT);
    },
  },
  esbuildCheck("browser", PBKDF2),
  esbuildCheck("neutral", PBKDF2),
  esbuildCheck("node", BCRYPT),
  {
    name: "rollup-browser",
    run: async ({ app, root }) => {
      const require = createRequire(join(root, "package.json"));
      const { rollup } = require("rollup");
      const { nodeResolve } = require("@rollup/plugin-node-resolve");
      const plugins = [nodeResolve({ browser: true })];
      const bundle = await rollup({ input: join(app, "run-esm.mjs"), plugins, logLevel: "silent" });
      // Split output, as an app ships it: the Auth0 dictionary becomes a chunk of its own.
      await bundle.write({
        dir: join(app, "out-rollup"),
        format: "es",
        entryFileNames: "[name].mjs",
        chunkFileNames: "[name]-[hash].mjs",
      });
      return judge(await run(process.execPath, ["out-rollup/run-esm.mjs"], { cwd: app }), PBKDF2);
    },
  },
  {
    name: "vite-build",
    run: async ({ app, root }) => {
      const vite = join(root, "node_modules/vite/bin/vite.js");
      const built = await run(process.execPath, [vite, "build", "--config", "vite.config.mjs"], { cwd: app });
      if (built.code !== 0) return `vite build failed:\n${built.output}`;
      return judge(await run(process.execPath, ["out-vite/bundle.mjs"], { cwd: app }), PBKDF2);
    },
  },
];
