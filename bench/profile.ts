/**
 * Profiles the overhead path (or the rejection path) the way users run it: bundles bench/profile-overhead.ts and
 * the library source with esbuild (no `keepNames` wrappers, unlike tsx), runs the bundle under `node --cpu-prof`,
 * and prints the top self-time functions and lines mapped back to src/.
 *
 *   npx tsx bench/profile.ts [seconds=5] [signups|rejections]
 *
 * Output: .tmp/profiles/<mode>-<time>.cpuprofile (open it in Chrome DevTools or VS Code for the flame chart).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, renameSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { topSelfTime } from "./top-self-time.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const seconds = process.argv[2] ?? "5";
const mode = process.argv[3] === "rejections" ? "rejections" : "signups";
const outDir = `${root}.tmp/bench-build`;
const profileDir = `${root}.tmp/profiles`;
mkdirSync(profileDir, { recursive: true });

await build({
  entryPoints: [`${root}bench/profile-overhead.ts`],
  outfile: `${outDir}/profile-overhead.mjs`,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
  tsconfig: `${root}tsconfig.json`,
});

const before = new Set(readdirSync(profileDir));
execFileSync(
  process.execPath,
  ["--cpu-prof", `--cpu-prof-dir=${profileDir}`, `${outDir}/profile-overhead.mjs`, seconds, mode],
  { stdio: "inherit" },
);
const made = readdirSync(profileDir).find((f) => !before.has(f) && f.endsWith(".cpuprofile"));
if (made === undefined) throw new Error("no profile was written");
const named = `${profileDir}/${mode}-${new Date().toISOString().replace(/[:.]/g, "-")}.cpuprofile`;
renameSync(`${profileDir}/${made}`, named);
console.log(`\n${named}\n`);
console.log(topSelfTime(named, 30));
