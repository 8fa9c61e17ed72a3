#!/usr/bin/env node
/**
 * Smoke test of the published package (run by `npm run check:package` after `npm run build`).
 *
 * Packs the repository with `npm pack`, installs the tarball into a throw-away project in the OS temp
 * directory (peer dependencies omitted, so optional peers such as pg, @electric-sql/pglite and nodemailer
 * are absent), then for every subpath in the packed package.json `exports` map imports it from ESM and
 * requires it from CommonJS in a fresh `node` process, each of which must yield at least one export.
 * Prints one line per check, exits non-zero on the first failure, and always removes its temp dirs.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const isWindows = process.platform === "win32";

class SmokeFailure extends Error {}

/** Runs a command; throws SmokeFailure with its output when it fails. */
function run(command, args, options) {
  const result = spawnSync(command, args, {
    encoding: "utf8",
    shell: isWindows && command === "npm",
    timeout: options.timeout ?? 60_000,
    cwd: options.cwd,
  });
  if (result.error || result.status !== 0) {
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim();
    const reason = result.error ? result.error.message : `exit code ${result.status}`;
    throw new SmokeFailure(`${options.label}: ${reason}\n${indent(output)}`);
  }
  return result.stdout;
}

function indent(text) {
  return text
    .split("\n")
    .slice(0, 25)
    .map((line) => `    ${line}`)
    .join("\n");
}

function ok(message) {
  console.log(`ok    ${message}`);
}

/** The subpaths of an `exports` map that can be checked: no patterns, no blocked (null) targets. */
function subpathsOf(exportsField) {
  if (exportsField === undefined || exportsField === null) {
    throw new SmokeFailure('the packed package.json has no "exports" map');
  }
  const isSubpathMap =
    typeof exportsField === "object" &&
    !Array.isArray(exportsField) &&
    Object.keys(exportsField).some((key) => key.startsWith("."));
  if (!isSubpathMap) return [["."], []];
  const checkable = [];
  const skipped = [];
  for (const [subpath, target] of Object.entries(exportsField)) {
    if (subpath.includes("*") || target === null) skipped.push(subpath);
    else checkable.push(subpath);
  }
  return [checkable, skipped];
}

function specifierOf(name, subpath) {
  return subpath === "." ? name : `${name}/${subpath.slice(2)}`;
}

/** Loads `specifier` in a fresh node process; returns the export names it found. */
function loadExports(projectDir, specifier, mode) {
  const json = specifier.endsWith(".json");
  const spec = JSON.stringify(specifier);
  const code =
    mode === "import"
      ? `const m = await import(${spec}${json ? ', { with: { type: "json" } }' : ""});` +
        "console.log(JSON.stringify(Object.keys(m)));"
      : `const m = require(${spec});` +
        'console.log(JSON.stringify(m !== null && typeof m === "object" ? Object.keys(m) : []));';
  const args = mode === "import" ? ["--input-type=module", "-e", code] : ["-e", code];
  const stdout = run(process.execPath, args, { cwd: projectDir, label: `${mode} ${specifier}` });
  const lines = stdout.trim().split("\n");
  const keys = JSON.parse(lines[lines.length - 1] ?? "[]");
  // A lone `default` is an empty ESM namespace around nothing useful, except for JSON subpaths.
  const named = json ? keys : keys.filter((key) => key !== "default");
  if (named.length === 0)
    throw new SmokeFailure(`${mode} ${specifier}: no exports (got ${JSON.stringify(keys)})`);
  return named;
}

function summary(names) {
  const shown = names.slice(0, 4).join(", ");
  return `${names.length} export${names.length === 1 ? "" : "s"} (${shown}${names.length > 4 ? ", …" : ""})`;
}

function main(packDir, projectDir) {
  run("npm", ["pack", "--pack-destination", packDir], { cwd: root, label: "npm pack", timeout: 300_000 });
  const tarballs = readdirSync(packDir).filter((file) => file.endsWith(".tgz"));
  if (tarballs.length !== 1)
    throw new SmokeFailure(`npm pack: expected one tarball, found ${tarballs.length}`);
  const tarball = join(packDir, tarballs[0]);
  ok(`npm pack -> ${tarballs[0]}`);

  writeFileSync(
    join(projectDir, "package.json"),
    `${JSON.stringify({ name: "signupkit-smoke", private: true, type: "module" }, null, 2)}\n`,
  );
  run("npm", ["install", "--no-audit", "--no-fund", "--omit=peer", "--prefer-offline", tarball], {
    cwd: projectDir,
    label: "npm install",
    timeout: 600_000,
  });

  const installed = readdirSync(join(projectDir, "node_modules"), { withFileTypes: true });
  const name = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).name;
  if (!installed.some((entry) => entry.name === name || entry.name === name.split("/")[0])) {
    throw new SmokeFailure(`npm install: ${name} is not in node_modules`);
  }
  const manifest = JSON.parse(readFileSync(join(projectDir, "node_modules", name, "package.json"), "utf8"));
  ok(`npm install ${name}@${manifest.version} into ${projectDir}`);

  const peers = Object.keys(manifest.peerDependencies ?? {});
  const presentPeers = peers.filter((peer) => existsSync(join(projectDir, "node_modules", peer)));
  if (presentPeers.length > 0) {
    throw new SmokeFailure(
      `peer dependencies were installed, the check would prove nothing: ${presentPeers}`,
    );
  }
  ok(`peer dependencies absent: ${peers.length > 0 ? peers.join(", ") : "(none declared)"}`);

  const [subpaths, skipped] = subpathsOf(manifest.exports);
  for (const subpath of skipped) console.log(`skip  ${subpath} (pattern or blocked subpath)`);
  for (const subpath of subpaths) {
    const specifier = specifierOf(name, subpath);
    for (const mode of ["import", "require"]) {
      const names = loadExports(projectDir, specifier, mode);
      ok(`${mode === "import" ? "import " : "require"} ${specifier}: ${summary(names)}`);
    }
  }
  signUpWithDefaultHasher(projectDir, name);
  console.log(`smoke-package: ${subpaths.length} subpath(s) passed from ESM and CJS`);
}

/**
 * The core loads its default hasher through the package's own `signupkit/bcrypt` subpath: prove that a signup from
 * the installed tarball, with no hasher given, stores a bcrypt hash from both module systems.
 */
function signUpWithDefaultHasher(projectDir, name) {
  const body = (load) =>
    `const { createSignupService, baasPolicy } = ${load(name)};` +
    `const { createMemoryStore } = ${load(`${name}/testing`)};` +
    "const store = createMemoryStore();" +
    "const service = createSignupService({ store, tenants: { t: { policy: baasPolicy() } } });" +
    'service.signup({ email: "a@example.com", password: "Passw0rd" }, { tenant: "t" })' +
    ".then((r) => store.getUser(r.user.id)).then((u) => console.log(u.passwordHash.slice(0, 7)));";
  const modes = {
    import: ["--input-type=module", "-e", body((spec) => `await import(${JSON.stringify(spec)})`)],
    require: ["-e", body((spec) => `require(${JSON.stringify(spec)})`)],
  };
  for (const [mode, args] of Object.entries(modes)) {
    const prefix = run(process.execPath, args, { cwd: projectDir, label: `${mode} signup` })
      .trim()
      .split("\n")
      .pop();
    if (prefix !== "$2b$10$")
      throw new SmokeFailure(`${mode} signup stored ${prefix}, not a bcrypt cost-10 hash`);
    ok(`${mode === "import" ? "import " : "require"} signup with the default hasher stores $2b$10$`);
  }
}

const packDir = mkdtempSync(join(tmpdir(), "signupkit-pack-"));
const projectDir = mkdtempSync(join(tmpdir(), "signupkit-smoke-"));
try {
  main(packDir, projectDir);
} catch (error) {
  console.error(`FAIL  ${error instanceof SmokeFailure ? error.message : error?.stack}`);
  process.exitCode = 1;
} finally {
  rmSync(packDir, { recursive: true, force: true });
  rmSync(projectDir, { recursive: true, force: true });
}
