import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const root = new URL("../../", import.meta.url).pathname;
const run = promisify(execFile);
const text = (file: string) => readFile(join(root, file), "utf8");

describe("release files", () => {
  it("LICENSE is the MIT text package.json declares", async () => {
    const pkg = JSON.parse(await text("package.json"));
    expect(pkg.license).toBe("MIT");
    const license = await text("LICENSE");
    expect(license).toMatch(/^MIT License\n/);
    expect(license).toContain("Permission is hereby granted, free of charge");
  });

  it("package.json links the repository, homepage and issue tracker of one GitHub repository", async () => {
    const pkg = JSON.parse(await text("package.json"));
    const repo = /^git\+https:\/\/github\.com\/([\w-]+\/[\w-]+)\.git$/.exec(pkg.repository.url)?.[1];
    expect(repo).toBeDefined();
    expect(pkg.repository.type).toBe("git");
    expect(pkg.homepage).toBe(`https://github.com/${repo}#readme`);
    expect(pkg.bugs.url).toBe(`https://github.com/${repo}/issues`);
    expect(await text("SECURITY.md")).toContain(`https://github.com/${repo}`);
  });

  it("SECURITY.md and CONTRIBUTING.md say how to report, what is supported and how to run the server tests", async () => {
    const security = await text("SECURITY.md");
    expect(security).toMatch(/## Supported versions/);
    expect(security).toMatch(/## Reporting a vulnerability/);
    const contributing = await text("CONTRIBUTING.md");
    for (const command of [
      "npm run lint",
      "npm run typecheck",
      "npm test",
      "npm run changeset",
      "start-postgres.sh",
    ]) {
      expect(contributing).toContain(command);
    }
    // Every test folder the layout names exists (git ls-files: test/observe is added with this change).
    const { stdout } = await run("git", ["ls-files", "test"], { cwd: root });
    const folders = new Set(stdout.split("\n").map((file) => file.split("/")[1]));
    const named = [...contributing.matchAll(/`test\/([\w-]+)`/g)].map((match) => match[1]);
    expect(named.length).toBeGreaterThan(8);
    for (const folder of named) expect(folders, `test/${folder} exists`).toContain(folder);
  });

  it("changesets turns the pending changesets into a CHANGELOG entry and a version bump", async () => {
    const dir = await mkdtemp(join(tmpdir(), "signupkit-changeset-"));
    try {
      for (const entry of ["package.json", "CHANGELOG.md", ".changeset"]) {
        await cp(join(root, entry), join(dir, entry), { recursive: true });
      }
      await run("git", ["init", "-q", "-b", "main"], { cwd: dir });
      const before = JSON.parse(await readFile(join(dir, "package.json"), "utf8")).version;
      await run(join(root, "node_modules/.bin/changeset"), ["version"], { cwd: dir });
      const after = JSON.parse(await readFile(join(dir, "package.json"), "utf8")).version;
      expect(after).not.toBe(before);
      const changelog = await readFile(join(dir, "CHANGELOG.md"), "utf8");
      expect(changelog).toContain(`## ${after}`);
      expect(changelog).toContain("verifyCredentials");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
