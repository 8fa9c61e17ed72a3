import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import type { BenchContext } from "../lib/context.js";
import { atMost, info, type Metric, type RowResult } from "../lib/report.js";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));

/**
 * The entries bundled, each as a user's browser code would import the built package (`signupkit` resolves to
 * `dist` through the package's own exports). The reference validates the same fields with valibot alone.
 */
const ENTRIES = {
  reference: `import * as v from "valibot";
export const schema = v.object({
  email: v.pipe(v.string(), v.maxLength(254), v.email()),
  password: v.pipe(v.string(), v.minLength(8), v.maxLength(72)),
  username: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_.-]{1,128}$/))),
});
export const parse = (input) => v.safeParse(schema, input);
`,
  baas: `import { createSignupService, baasPolicy } from "signupkit";
export const create = (store) => createSignupService({ store, tenants: { t1: { policy: baasPolicy() } } });
`,
  auth0: `import { createSignupService, auth0Policy } from "signupkit";
export const create = (store) => createSignupService({ store, tenants: { c1: { policy: auth0Policy() } } });
`,
};

type Entry = keyof typeof ENTRIES;
const gzip = (text: Uint8Array) => gzipSync(text, { level: 9 }).length;

/** Bundles one entry for the browser (minified ES module, split): gzip bytes of what loads with it and of its lazy chunks. */
async function bundle(dir: string, name: Entry): Promise<{ initial: number; lazy: number }> {
  writeFileSync(join(dir, `${name}.mjs`), ENTRIES[name]);
  const result = await build({
    entryPoints: [join(dir, `${name}.mjs`)],
    absWorkingDir: root,
    bundle: true,
    splitting: true,
    platform: "browser",
    format: "esm",
    minify: true,
    outdir: join(dir, `out-${name}`),
    metafile: true,
    // Resolve as a user would: through the package exports to dist, not the repository's tsconfig paths to src.
    tsconfigRaw: "{}",
    logLevel: "silent",
  });
  const outputs = result.metafile.outputs;
  const entry = Object.keys(outputs).find((file) => outputs[file]?.entryPoint !== undefined) as string;
  // What loads with the entry: the entry and its static imports, transitively; then what it imports dynamically.
  const initial = new Set<string>();
  const visit = (path: string) => {
    if (initial.has(path)) return;
    initial.add(path);
    for (const i of outputs[path]?.imports ?? []) if (i.kind === "import-statement") visit(i.path);
  };
  visit(entry);
  const lazy = new Set<string>();
  for (const path of initial)
    for (const i of outputs[path]?.imports ?? [])
      if (i.kind === "dynamic-import" && !initial.has(i.path)) lazy.add(i.path);
  const bytes = (paths: Set<string>) =>
    [...paths].reduce((sum, path) => sum + gzip(readFileSync(resolve(root, path))), 0);
  return { initial: bytes(initial), lazy: bytes(lazy) };
}

/**
 * Bundle size: the core bundled by esbuild for the browser platform (minified, gzip level 9) with the NEC BaaS
 * policy and with the Auth0 policy, each against valibot validating the same fields alone, in the same run. The
 * Auth0 password dictionary is a lazy chunk, loaded on the first signup: it is reported apart.
 */
export async function bundleSizeRow(ctx: BenchContext): Promise<RowResult> {
  const started = performance.now();
  const dir = join(root, ".tmp", "bench-bundle-size");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  try {
    ctx.log("bundle size: esbuild, browser platform, built dist");
    const sizes = {} as Record<Entry, { initial: number; lazy: number }>;
    for (const name of Object.keys(ENTRIES) as Entry[]) sizes[name] = await bundle(dir, name);
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
    const ref = sizes.reference.initial;
    const metrics: Metric[] = [
      info("bundle: valibot alone (reference), gzip", ref, "B", kb(ref)),
      info("bundle: core + NEC BaaS policy, gzip", sizes.baas.initial, "B", kb(sizes.baas.initial)),
      info("bundle: ÷ reference", sizes.baas.initial / ref, "×", `${(sizes.baas.initial / ref).toFixed(1)}×`),
      info("bundle: core + Auth0 policy, gzip", sizes.auth0.initial, "B", kb(sizes.auth0.initial)),
      info(
        "bundle: ÷ reference",
        sizes.auth0.initial / ref,
        "×",
        `${(sizes.auth0.initial / ref).toFixed(1)}×`,
      ),
      atMost("bundle: Auth0 ÷ NEC at import", sizes.auth0.initial / sizes.baas.initial, "×", 1.2),
      info("bundle: Auth0 dictionary, lazy chunk, gzip", sizes.auth0.lazy, "B", kb(sizes.auth0.lazy)),
    ];
    const notes = [
      "esbuild --bundle --splitting --minify --platform=browser --format=esm of the built dist; gzip level 9 of " +
        "the entry and its static imports; the Auth0 dictionary is loaded by the first signup, not at import",
    ];
    return { id: "9", title: "bundle size", metrics, notes, seconds: (performance.now() - started) / 1000 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
