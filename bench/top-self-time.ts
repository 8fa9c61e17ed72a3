/**
 * Reads a V8 `.cpuprofile` (from `node --cpu-prof`) and lists the functions and the source lines with the most
 * self time, and the totals per file. A profiled file with a `<file>.map` next to it (the esbuild bundle that
 * bench/profile.ts makes) is mapped back to the original `src/` file and line.
 *
 *   node --import tsx bench/top-self-time.ts <file.cpuprofile> [count]
 */
import { existsSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { fileURLToPath } from "node:url";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  positionTicks?: { line: number; ticks: number }[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const maps = new Map<string, SourceMap | undefined>();
function sourceMapOf(url: string): SourceMap | undefined {
  if (!maps.has(url)) {
    let map: SourceMap | undefined;
    if (url.startsWith("file://")) {
      const path = `${fileURLToPath(url)}.map`;
      if (existsSync(path)) map = new SourceMap(JSON.parse(readFileSync(path, "utf8")));
    }
    maps.set(url, map);
  }
  return maps.get(url);
}

const tidy = (file: string) =>
  file
    .replace(/^file:\/\//, "")
    .replace(/^.*?\/work\/main\//, "")
    .replace(/^(\.\.\/)+/, "");

/** Original `file:line` of a 0-based generated position (the last mapping on that generated line). */
function original(url: string, line0: number, column: number): { file: string; line: number } {
  const entry = sourceMapOf(url)?.findEntry(line0, column) as
    | { originalSource?: string; originalLine?: number; generatedLine?: number }
    | undefined;
  if (entry?.originalSource === undefined || entry.originalLine === undefined) {
    return { file: tidy(url), line: line0 + 1 };
  }
  return { file: tidy(entry.originalSource), line: entry.originalLine + 1 };
}

function top(entries: Map<string, number>, total: number, count: number): string[] {
  return [...entries]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, us]) => `${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`);
}

/** The report for one profile: top functions and lines by self time, and self time per file. */
export function topSelfTime(file: string, count = 25): string {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  const byLine = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (node === undefined) continue;
    const frame = node.callFrame;
    const at =
      frame.url === "" ? { file: "", line: 0 } : original(frame.url, frame.lineNumber, frame.columnNumber);
    const name = `${frame.functionName || "(anonymous)"}  ${at.file}${at.file ? `:${at.line}` : ""}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
    const group =
      at.file === ""
        ? `(${frame.functionName})`
        : at.file.replace(/node_modules\/([^/]+)\/.*/, "node_modules/$1");
    byFile.set(group, (byFile.get(group) ?? 0) + us);
    // Spread the node's self time over its lines in proportion to their ticks.
    const ticks = node.positionTicks ?? [];
    const sum = ticks.reduce((a, t) => a + t.ticks, 0);
    for (const t of ticks) {
      const where = original(frame.url, t.line - 1, 100_000);
      const key = `${where.file}:${where.line}  (${frame.functionName || "anonymous"})`;
      byLine.set(key, (byLine.get(key) ?? 0) + (us * t.ticks) / sum);
    }
  }
  return [
    `Top self time by function (${(total / 1e6).toFixed(1)} s sampled)`,
    ...top(byFunction, total, count),
    "",
    "Top self time by line",
    ...top(byLine, total, count),
    "",
    "Self time by file",
    ...top(byFile, total, 15),
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (file === undefined) throw new Error("usage: top-self-time.ts <file.cpuprofile> [count]");
  console.log(topSelfTime(file, Number(process.argv[3] ?? 25)));
}
