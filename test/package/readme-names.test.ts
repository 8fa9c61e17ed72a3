import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Options } from "tsup";
import { afterAll, describe, expect, it } from "vitest";
import config from "../../tsup.config.js";

/**
 * Every name README documents imports from the packed package: the runtime names of its "Entry points" table and
 * of every `import { ... } from "signupkit..."` in its examples, read from README itself so the list cannot drift.
 * The package is built (JavaScript only), packed with `npm pack` and installed into a throwaway project.
 */
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const README = readFileSync(join(ROOT, "README.md"), "utf8");

/** Drivers README names beside the exports (`for \`pg\``): the optional peer dependencies. */
const PEERS = new Set(
  Object.keys(
    (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { peerDependencies: object })
      .peerDependencies,
  ),
);

/** specifier → the runtime names README says it exports. */
function documentedNames(readme: string): Map<string, Set<string>> {
  const names = new Map<string, Set<string>>();
  const add = (specifier: string, name: string) => {
    if (!names.has(specifier)) names.set(specifier, new Set());
    names.get(specifier)?.add(name);
  };
  const table = readme.slice(readme.indexOf("## Entry points"));
  for (const row of table.slice(0, table.indexOf("\n## ")).split("\n")) {
    const cells = row.split("|").map((cell) => cell.trim());
    const specifier = /^`(signupkit(?:\/[a-z0-9]+)?)`$/.exec(cells[1] ?? "")?.[1];
    if (specifier === undefined) continue;
    for (const span of (cells[2] ?? "").matchAll(/`([^`]+)`/g)) {
      const name = /^[A-Za-z_$][\w$]*/.exec(span[1] as string)?.[0];
      if (name !== undefined && !PEERS.has(name)) add(specifier, name);
    }
  }
  for (const match of readme.matchAll(/^import \{([^}]+)\} from "(signupkit(?:\/[a-z0-9]+)?)";/gm)) {
    for (const part of (match[1] as string).split(",")) {
      const name = part.trim();
      if (name !== "" && !name.startsWith("type ")) add(match[2] as string, name);
    }
  }
  return names;
}

describe("the names README documents", () => {
  const work = mkdtempSync(join(tmpdir(), "signupkit-readme-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("parses a list that covers every entry point", () => {
    const names = documentedNames(README);
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
      exports: Record<string, unknown>;
    };
    const entryPoints = Object.keys(pkg.exports)
      .filter((key) => key !== "./package.json")
      .map((key) => (key === "." ? "signupkit" : `signupkit/${key.slice(2)}`));
    expect([...names.keys()].sort()).toEqual(entryPoints.sort());
    expect(names.get("signupkit")).toContain("createPwnedPasswordsCheck");
  });

  it("all import from the packed tarball", async () => {
    const pkg = join(work, "package");
    const base = (Array.isArray(config) ? config[0] : config) as Options;
    await build({ ...base, dts: false, sourcemap: false, silent: true, outDir: join(pkg, "dist") });
    cpSync(join(ROOT, "package.json"), join(pkg, "package.json"));
    const npm = (args: string[], cwd: string) =>
      execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    npm(["pack", "--pack-destination", work, "--ignore-scripts"], pkg);
    const tarball = join(work, readdirSync(work).find((file) => file.endsWith(".tgz")) as string);
    const app = join(work, "app");
    cpSync(join(ROOT, "test/package/fixture"), app, { recursive: true });
    npm(["install", tarball, "--no-audit", "--no-fund", "--omit=peer", "--prefer-offline"], app);

    const wanted = Object.fromEntries([...documentedNames(README)].map(([spec, set]) => [spec, [...set]]));
    writeFileSync(
      join(app, "check.mjs"),
      `const wanted = ${JSON.stringify(wanted)};
const missing = [];
for (const [specifier, names] of Object.entries(wanted)) {
  const module = await import(specifier);
  for (const name of names) if (module[name] === undefined) missing.push(specifier + ": " + name);
}
console.log(JSON.stringify(missing));`,
    );
    const missing = JSON.parse(execFileSync(process.execPath, ["check.mjs"], { cwd: app, encoding: "utf8" }));
    expect(missing).toEqual([]);
  }, 300_000);
});
