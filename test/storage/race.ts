import { type ChildProcessByStdio, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

const WORKER = fileURLToPath(new URL("./race-worker.ts", import.meta.url));

interface Summary {
  worker: number;
  created: string[];
  failures: Record<string, number>;
}

type Worker = ChildProcessByStdio<Writable, Readable, null>;

function lines(child: Worker, onLine: (value: Record<string, unknown>) => void): Promise<void> {
  const reader = createInterface({ input: child.stdout });
  reader.on("line", (line) => onLine(JSON.parse(line) as Record<string, unknown>));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`race worker exited with ${code}`)),
    );
  });
}

/**
 * `processes` Node processes, each with its own connections, sign up the same `count` addresses at once, each in
 * random case spellings of its own. Asserts exactly one winner per address, every loser 409 `email_exists`, no
 * other outcome; returns the winning addresses (lower case) for the caller to compare with the table.
 */
export async function race(
  env: { RACE_ENGINE: string; RACE_TARGET: string; RACE_SCHEMA?: string },
  processes: number,
  count = 1000,
): Promise<string[]> {
  const summaries: Summary[] = [];
  let ready = 0;
  const workers = Array.from({ length: processes }, (_, n) =>
    spawn(process.execPath, ["--import", "tsx", WORKER], {
      env: { ...process.env, ...env, RACE_WORKER: String(n), RACE_COUNT: String(count) },
      stdio: ["pipe", "pipe", "inherit"],
    }),
  );
  const done = workers.map((child) =>
    lines(child, (message) => {
      if (message.ready === true && ++ready === workers.length) {
        for (const w of workers) w.stdin.write("go\n");
      } else if (message.ready !== true) summaries.push(message as unknown as Summary);
    }),
  );
  await Promise.all(done);

  expect(summaries).toHaveLength(processes);
  for (const { created, failures } of summaries) {
    expect(Object.keys(failures).filter((k) => k !== "409 email_exists")).toEqual([]);
    expect(created.length + (failures["409 email_exists"] ?? 0)).toBe(count);
  }
  // Each racer takes the addresses in its own shuffled order: at least two must have won some, or nothing raced.
  expect(summaries.filter((s) => s.created.length > 0).length).toBeGreaterThan(1);
  const winners = summaries.flatMap((s) => s.created);
  expect(winners).toHaveLength(count);
  expect(new Set(winners).size).toBe(count);
  return winners;
}
