import { fmt } from "./stats.js";

/** One measured number of a row. */
export interface Metric {
  name: string;
  value: number;
  unit: string;
  /** How the cell shows the value, when `fmt(value) unit` is not right. */
  display?: string;
  /** The target as text, e.g. `≥ 150,000`. */
  target?: string;
  /** Whether the target is met (absent: no target). */
  pass?: boolean;
}

/** One row of the table: an issue-level question, its numbers and what they were measured against. */
export interface RowResult {
  id: string;
  title: string;
  metrics: Metric[];
  notes: string[];
  /** Set when the row could not run (missing adapter, no database); the reason. */
  skipped?: string;
  seconds: number;
}

/** A metric with a `≥` target. */
export function atLeast(name: string, value: number, unit: string, target: number, display?: string): Metric {
  return {
    name,
    value,
    unit,
    target: `≥ ${fmt(target)}`,
    pass: value >= target,
    ...(display ? { display } : {}),
  };
}

/** A metric with a `≤` target. */
export function atMost(name: string, value: number, unit: string, target: number, display?: string): Metric {
  return {
    name,
    value,
    unit,
    target: `≤ ${fmt(target)}`,
    pass: value <= target,
    ...(display ? { display } : {}),
  };
}

/** A metric without a target. */
export function info(name: string, value: number, unit: string, display?: string): Metric {
  return { name, value, unit, ...(display ? { display } : {}) };
}

/** The results as one markdown table, then each row's notes. */
export function markdown(rows: readonly RowResult[]): string {
  const lines = ["| # | Metric | Value | Target | |", "|---|---|---:|---|---|"];
  for (const row of rows) {
    if (row.skipped !== undefined) {
      lines.push(`| ${row.id} | ${row.title}: skipped | | | ${row.skipped} |`);
      continue;
    }
    for (const m of row.metrics) {
      const value = m.display ?? `${fmt(m.value)} ${m.unit}`.trim();
      const mark = m.pass === undefined ? "" : m.pass ? "✅" : "❌";
      lines.push(`| ${row.id} | ${m.name} | ${value} | ${m.target ?? ""} | ${mark} |`);
    }
  }
  const notes = rows.filter((r) => r.notes.length > 0).flatMap((r) => r.notes.map((n) => `- ${r.id}: ${n}`));
  return notes.length > 0 ? `${lines.join("\n")}\n\n${notes.join("\n")}` : lines.join("\n");
}
