import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The repository root: examples run from there so tsx finds tsconfig.json (its `signupkit` paths). */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** A server started as a child process in its own process group. */
export interface ServerProcess {
  /** The URL of its ready line. */
  url: string;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the first match of `pattern` in the output, waiting up to `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Stops the whole process group (npm → sh → node) and waits for the exit. */
  stop(): Promise<void>;
}

const READY = /listening on (http:\/\/127\.0\.0\.1:\d+)/;

/** Spawns `command` with PORT=0 and waits for its `listening on http://…` line. */
export async function startServer(
  command: string,
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 45_000,
): Promise<ServerProcess> {
  const child: ChildProcess = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, PORT: "0", NODE_ENV: "test", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let text = "";
  let exited = false;
  const waiters = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    text += chunk.toString("utf8");
    for (const wake of waiters) wake();
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exit = new Promise<void>((resolve) => {
    child.once("exit", () => {
      exited = true;
      for (const wake of waiters) wake();
      resolve();
    });
  });

  function waitFor(pattern: RegExp, ms = 10_000): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const match = text.match(pattern);
        if (match) return done(() => resolve(match));
        if (exited) return done(() => reject(new Error(`process exited before ${pattern}:\n${text}`)));
      };
      const timer = setTimeout(
        () => done(() => reject(new Error(`timed out waiting for ${pattern}:\n${text}`))),
        ms,
      );
      const done = (settle: () => void) => {
        clearTimeout(timer);
        waiters.delete(check);
        settle();
      };
      waiters.add(check);
      check();
    });
  }

  async function stop(): Promise<void> {
    if (exited || child.pid === undefined) return;
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return;
    }
    const killed = setTimeout(() => {
      if (!exited && child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    }, 5_000);
    await exit;
    clearTimeout(killed);
  }

  try {
    const match = await waitFor(READY, timeoutMs);
    return { url: match[1] as string, output: () => text, waitFor, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Runs an example file with `node --import tsx`. */
export function startExample(file: string): Promise<ServerProcess> {
  return startServer(process.execPath, ["--import", "tsx", file]);
}
