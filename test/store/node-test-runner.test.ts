import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { userStoreChecks } from "signupkit/testing";
import { describe, expect, it } from "vitest";

const FILE = fileURLToPath(new URL("./memory-store.node-test.ts", import.meta.url));

function runNodeTest(broken: boolean) {
  return spawnSync(process.execPath, ["--import", "tsx", "--test", FILE], {
    encoding: "utf8",
    env: { ...process.env, KIT_BROKEN: broken ? "1" : "0" },
  });
}

describe("testUserStore under node:test", () => {
  it("runs every check as a node:test test and passes on the memory store", () => {
    const run = runNodeTest(false);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(`# pass ${userStoreChecks.length}`);
  });

  it("reports a misbehaving store as failed tests", () => {
    const run = runNodeTest(true);
    expect(run.status).not.toBe(0);
    expect(run.stdout).toMatch(/# fail [1-9]/);
    expect(run.stdout).toContain("getUser returns the record as inserted");
  });
});
