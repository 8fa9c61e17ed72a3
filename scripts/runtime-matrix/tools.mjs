/**
 * The runtimes and tools the matrix needs, each installed from npm into its own folder of a cache outside the
 * repository (`$SIGNUPKIT_RUNTIME_CACHE`, default `~/.cache/signupkit-runtimes`), once per pinned version.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export const CACHE = process.env.SIGNUPKIT_RUNTIME_CACHE ?? join(homedir(), ".cache", "signupkit-runtimes");

/** Tool name → the npm package (pinned) and the file to run inside its node_modules. */
export const TOOLS = {
  node22: { spec: "node@22.23.3", bin: "node/bin/node" },
  node24: { spec: "node@24.21.0", bin: "node/bin/node" },
  bun: { spec: "bun@1.4.5", bin: ".bin/bun" },
  deno: { spec: "deno@2.9.6", bin: ".bin/deno" },
  wrangler: { spec: "wrangler@4.86.0", bin: "wrangler/bin/wrangler.js" },
  edge: { spec: "edge-runtime@4.0.1", bin: "edge-runtime/dist/index.js" },
  jest: { spec: "jest@30.5.2", bin: "jest/bin/jest.js" },
};

/** Runs a command to completion; resolves with its exit code and output (never rejects). */
export function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeout ?? 180_000);
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ code: -1, output: `${output}${error.message}` });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** Installs one tool into the cache unless its pinned version is there already; returns its folder. */
export async function installTool(name) {
  const tool = TOOLS[name];
  const dir = join(CACHE, name);
  const marker = join(dir, `.installed-${tool.spec}`);
  if (existsSync(marker)) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), `{"name":"signupkit-matrix-${name}","private":true}\n`);
  const installed = await run("npm", ["install", "--no-audit", "--no-fund", "--save-exact", tool.spec], {
    cwd: dir,
    timeout: 600_000,
  });
  if (installed.code !== 0) throw new Error(`npm install ${tool.spec} failed:\n${installed.output}`);
  writeFileSync(marker, "");
  return dir;
}

/** The path of a tool's executable file, installing it first. */
export async function toolPath(name) {
  return join(await installTool(name), "node_modules", TOOLS[name].bin);
}

/** `npm pack` of the repository (built beforehand) into `dir`; returns the tarball's path. */
export function pack(root, dir) {
  const packed = spawnSync("npm", ["pack", "--silent", "--pack-destination", dir], {
    cwd: root,
    encoding: "utf8",
  });
  if (packed.status !== 0) throw new Error(`npm pack failed:\n${packed.stdout}${packed.stderr}`);
  return join(dir, packed.stdout.trim().split("\n").pop());
}
