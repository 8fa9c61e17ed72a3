import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { SignupError } from "signupkit";
import { describe, expect, it } from "vitest";
import { makeService, rejection } from "./helpers.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

describe("deadlines", () => {
  it("a hash past the hasher timeout answers 503 but keeps its slot until the hash really ends", async () => {
    const finish: (() => void)[] = [];
    let started = 0;
    const { service } = makeService({
      timeouts: { hasher: 30 },
      maxConcurrentHashes: 1,
      maxQueuedHashes: 0,
      hasher: {
        hash: () => {
          started++;
          return new Promise<string>((resolve) => finish.push(() => resolve("h")));
        },
        verify: async () => false,
      },
    });
    const late = (await rejection(
      service.signup({ email: "a@example.com", password: "Passw0rd" }, { tenant: "t1" }),
    )) as SignupError;
    expect([late.status, late.code]).toEqual([503, "unavailable"]);
    // The timed-out hash still runs: its slot is not handed to the next caller, who is refused as overloaded.
    const refused = (await rejection(
      service.signup({ email: "b@example.com", password: "Passw0rd" }, { tenant: "t1" }),
    )) as SignupError;
    expect([refused.status, refused.code]).toEqual([503, "overloaded"]);
    expect(started).toBe(1);
    finish.shift()?.();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const next = service.signup({ email: "b@example.com", password: "Passw0rd" }, { tenant: "t1" });
    await new Promise((resolve) => setTimeout(resolve, 5));
    finish.shift()?.();
    expect((await next).status).toBe("created");
    expect(started).toBe(2);
  });

  it("a pending call keeps the process alive: a hung store answers 503 in a script with nothing else to run", () => {
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", fileURLToPath(new URL("./scripts/hung-store.ts", import.meta.url))],
      { cwd: ROOT, encoding: "utf8", timeout: 30_000 },
    );
    expect(run.stderr).toBe("");
    expect([run.status, run.stdout.trim()]).toEqual([0, "answered: unavailable"]);
  });
});
