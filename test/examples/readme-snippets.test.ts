import { execFile } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "./server-process.js";

const run = promisify(execFile);
const README = readFileSync(join(ROOT, "README.md"), "utf8");
const EXAMPLES_README = readFileSync(join(ROOT, "examples/README.md"), "utf8");

/** The README's fenced code block that contains `marker` (fails when there is none). */
function block(marker: string): string {
  const found = [...README.matchAll(/```(?:js|ts)\n([\s\S]*?)```/g)].find((match) =>
    match[1]?.includes(marker),
  );
  if (found?.[1] === undefined) throw new Error(`no README code block contains ${marker}`);
  return found[1];
}

/**
 * The README's snippets run as a user's app would: in a folder of their own whose node_modules has signupkit as
 * built (package.json and dist/, freshly built here), resolving its dependencies from this checkout.
 */
describe("README snippets run as written", () => {
  // Inside the checkout, so the built package finds valibot, ulid and the peers in the checkout's node_modules.
  mkdirSync(join(ROOT, ".tmp"), { recursive: true }); // absent in a fresh clone
  const app = mkdtempSync(join(ROOT, ".tmp", "readme-"));
  beforeAll(async () => {
    // A package of its own: otherwise "signupkit" would resolve to this checkout by self-reference.
    writeFileSync(join(app, "package.json"), '{ "name": "readme-app", "private": true }\n');
    const pkg = join(app, "node_modules", "signupkit");
    mkdirSync(pkg, { recursive: true });
    cpSync(join(ROOT, "package.json"), join(pkg, "package.json"));
    // tsup without type declarations: the snippets only run the JavaScript.
    await run("npx", ["tsup", "--no-dts", "--out-dir", join(pkg, "dist"), "--silent"], { cwd: ROOT });
  }, 240_000);
  afterAll(() => rmSync(app, { recursive: true, force: true }));

  async function runIn(file: string, code: string, cwd = app): Promise<string> {
    writeFileSync(join(app, file), code);
    const { stdout } = await run(process.execPath, [join(app, file)], { cwd, timeout: 60_000 });
    return stdout;
  }

  it("the ES module quick start signs a user up", async () => {
    const out = await runIn("quick-start.mjs", block(`from "signupkit";`));
    expect(out.trim()).toMatch(/^[A-Za-z0-9]{8}$/);
  }, 60_000);

  it("the CommonJS quick start signs a user up (no top-level await)", async () => {
    const out = await runIn("quick-start.cjs", block(`require("signupkit")`));
    expect(out.trim()).toMatch(/^[A-Za-z0-9]{8}$/);
  }, 60_000);

  it("the PGlite snippet works in a folder without .data", async () => {
    const cwd = join(app, "fresh");
    mkdirSync(cwd);
    await runIn("pglite.mjs", block(`new PGlite("./.data/app")`), cwd);
    expect(existsSync(join(cwd, ".data", "app"))).toBe(true);
  }, 120_000);
});

describe("examples/README.md", () => {
  it("lists every example file", () => {
    const files = readdirSync(join(ROOT, "examples")).filter((file) => file.endsWith(".ts"));
    expect(files).toContain("quick-start.ts");
    for (const file of files) expect(EXAMPLES_README).toContain(`\`${file}\``);
  });
});
