import { createHash } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** Upper-case hex SHA-1, as the range API indexes passwords. */
export function sha1(password: string): string {
  return createHash("sha1").update(password, "utf8").digest("hex").toUpperCase();
}

/** How the server answers the next requests. */
export type RangeMode = "ok" | "error-500" | "hang" | "garbage" | "lower-case" | "endless" | "slow";

/** What the server saw of one request. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A local Pwned Passwords range API on 127.0.0.1 (ephemeral port) that counts and records every request. */
export interface RangeServer {
  baseUrl: string;
  requests: SeenRequest[];
  mode: RangeMode;
  /** Requests being answered right now, and the most there ever were at once. */
  readonly inFlight: number;
  readonly peakInFlight: number;
  /** Bytes written by `endless` answers so far, and whether the client closed such a connection. */
  readonly endlessBytes: number;
  /** Forgets the peak of earlier requests. */
  resetPeak(): void;
  /** Adds a breached password with its count (or a padding entry when the count is 0). */
  add(password: string, count: number): void;
  close(): Promise<void>;
}

/** Starts a {@link RangeServer}. Every range answer also carries padding entries (random suffixes with count 0). */
export async function startRangeServer(): Promise<RangeServer> {
  const counts = new Map<string, number>();
  const requests: SeenRequest[] = [];
  const hanging = new Set<() => void>();
  const state = { mode: "ok" as RangeMode, inFlight: 0, peak: 0, endlessBytes: 0 };

  const server: Server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
    });
    request.on("end", () => {
      requests.push({ method: request.method ?? "", url: request.url ?? "", headers: request.headers, body });
      const match = /^\/(?:[\w-]+\/)*range\/([0-9A-F]{5})$/.exec(request.url ?? "");
      state.inFlight++;
      state.peak = Math.max(state.peak, state.inFlight);
      response.on("close", () => state.inFlight--);
      if (state.mode === "endless") {
        // Valid-looking range lines, forever, as fast as the client reads them.
        const line = Buffer.from(`${"0".repeat(35)}:1\r\n`.repeat(1024));
        const pump = () => {
          while (!response.destroyed && response.write(line)) state.endlessBytes += line.length;
        };
        response.writeHead(200, { "content-type": "text/plain" });
        response.on("drain", pump);
        hanging.add(() => response.destroy());
        pump();
        return;
      }
      if (state.mode === "hang") {
        hanging.add(() => response.destroy());
        return;
      }
      if (state.mode === "error-500" || match === null) {
        response.writeHead(state.mode === "error-500" ? 500 : 404).end("nope");
        return;
      }
      if (state.mode === "garbage") {
        response.writeHead(200, { "content-type": "text/html" }).end("<html>maintenance</html>");
        return;
      }
      const prefix = match[1] as string;
      const lines: string[] = [];
      for (const [hash, count] of counts)
        if (hash.startsWith(prefix)) lines.push(`${hash.slice(5)}:${count}`);
      for (let i = 0; i < 20; i++)
        lines.push(`${createHash("sha1").update(`pad${i}${prefix}`).digest("hex").slice(5).toUpperCase()}:0`);
      const text = lines.join("\r\n");
      if (state.mode === "slow") {
        setTimeout(() => response.writeHead(200, { "content-type": "text/plain" }).end(text), 100);
        return;
      }
      response
        .writeHead(200, { "content-type": "text/plain" })
        .end(state.mode === "lower-case" ? text.toLowerCase() : text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    get mode() {
      return state.mode;
    },
    set mode(mode) {
      state.mode = mode;
    },
    get inFlight() {
      return state.inFlight;
    },
    get peakInFlight() {
      return state.peak;
    },
    get endlessBytes() {
      return state.endlessBytes;
    },
    resetPeak() {
      state.peak = state.inFlight;
    },
    add(password, count) {
      counts.set(sha1(password), count);
    },
    async close() {
      for (const end of hanging) end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
