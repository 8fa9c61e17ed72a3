import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../examples/server-process.js";

/** Words that mean nothing to a user: the project's internal names for its sources and its work items. */
const JARGON = /\bseeds?\b|\bseed's\b|FACTS\.md|\bissue \d+\b|\bbench row \d+\b|\bthe issue's\b/i;

function files(dir: string, ext: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(ext))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe("what a user reads names the Auth0 and NEC BaaS APIs, no internal jargon", () => {
  it("no JSDoc or comment in src/, no guide in docs/", () => {
    const offending: string[] = [];
    const sources = files(join(ROOT, "src"), ".ts").filter((file) => !file.includes("dictionary"));
    for (const file of [...sources, ...files(join(ROOT, "docs"), ".md")]) {
      readFileSync(file, "utf8")
        .split("\n")
        .forEach((line, index) => {
          if (JARGON.test(line)) offending.push(`${relative(ROOT, file)}:${index + 1}: ${line.trim()}`);
        });
    }
    expect(offending).toEqual([]);
  });
});
