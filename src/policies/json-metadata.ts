import type { Issue, IssueCode } from "../errors/issue.js";
import { cleanTextRule, isCleanText } from "./clean-text.js";
import { fieldName, isPlainObject, report } from "./issues.js";
import { reportForbiddenKey, reportUncleanKey } from "./metadata-rules.js";

/**
 * NEC `options`: the most characters its JSON text may have (16 KiB). Counted while walking, as the length of
 * `JSON.stringify(options)` in UTF-16 code units except that escape sequences count as the character they escape;
 * the walk stops as soon as the budget is spent, so a hostile value costs no more than the budget.
 */
export const BAAS_METADATA_MAX_SIZE = 16_384;

/** NEC `options`: the deepest nesting of objects and arrays, counting `options` itself as level 1. */
export const BAAS_METADATA_MAX_DEPTH = 8;

interface Walk {
  issues: Issue[];
  size: number;
  failed: boolean;
  /** The size budget is spent: stop walking. */
  stopped: boolean;
}

function fail(walk: Walk, field: string, code: IssueCode, message: string): void {
  walk.failed = true;
  report(walk.issues, field, code, message);
}

/** Counts `chars` of JSON text; false (and one `too_large` issue) once the budget is spent. */
function spend(walk: Walk, chars: number): boolean {
  walk.size += chars;
  if (walk.size <= BAAS_METADATA_MAX_SIZE) return true;
  if (!walk.stopped) {
    walk.stopped = true;
    fail(
      walk,
      "metadata",
      "too_large",
      `metadata must be at most ${BAAS_METADATA_MAX_SIZE} characters as JSON.`,
    );
  }
  return false;
}

function copyValue(value: unknown, path: string, depth: number, walk: Walk): unknown {
  switch (typeof value) {
    case "string":
      // Scanned only within the size budget, so the whole walk scans at most BAAS_METADATA_MAX_SIZE characters.
      if (spend(walk, value.length + 2) && !isCleanText(value, "storable")) {
        fail(walk, path, "invalid_characters", `${path} ${cleanTextRule("storable")}.`);
      }
      return value;
    case "boolean":
      spend(walk, value ? 4 : 5);
      return value;
    case "number":
      if (!Number.isFinite(value)) break;
      spend(walk, String(value).length);
      return value;
    case "object":
      if (value === null) {
        spend(walk, 4);
        return null;
      }
      if (!Array.isArray(value) && !isPlainObject(value)) break;
      if (depth > BAAS_METADATA_MAX_DEPTH) {
        fail(
          walk,
          path,
          "too_deep",
          `metadata may nest objects and arrays at most ${BAAS_METADATA_MAX_DEPTH} deep.`,
        );
        return undefined;
      }
      return Array.isArray(value)
        ? copyArray(value, path, depth, walk)
        : copyObject(value, path, depth, walk);
  }
  fail(
    walk,
    path,
    "invalid_value_type",
    `${path} must be a string, a finite number, a boolean, null, an array or an object.`,
  );
  return undefined;
}

function copyArray(value: readonly unknown[], path: string, depth: number, walk: Walk): unknown[] {
  const copy: unknown[] = [];
  if (!spend(walk, 2)) return copy;
  for (let i = 0; i < value.length; i++) {
    // The comma before every element but the first: even invalid elements spend, so the loop is bounded.
    if (i > 0 && !spend(walk, 1)) break;
    copy.push(copyValue(value[i], `${path}.${i}`, depth + 1, walk));
    if (walk.stopped) break;
  }
  return copy;
}

function copyObject(
  value: Record<string, unknown>,
  path: string,
  depth: number,
  walk: Walk,
): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  if (!spend(walk, 2)) return copy;
  let separator = 0;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    // Quotes, colon and the comma before all but the first; a huge key spends the budget before it is echoed.
    if (!spend(walk, key.length + 3 + separator)) break;
    separator = 1;
    const field = `${path}.${fieldName(key)}`;
    if (reportForbiddenKey(key, field, walk.issues) || reportUncleanKey(key, field, walk.issues)) {
      walk.failed = true;
      continue;
    }
    // `key` is never __proto__ here (refused above), so a plain assignment creates an own data property.
    copy[key] = copyValue(value[key], field, depth + 1, walk);
    if (walk.stopped) break;
  }
  return copy;
}

/**
 * Checks NEC `options` (any JSON object within {@link BAAS_METADATA_MAX_SIZE} and {@link BAAS_METADATA_MAX_DEPTH})
 * and returns a deep fresh copy of plain objects and arrays, or `undefined` after reporting its issues: `too_large`
 * and `too_deep` at field `metadata`/its path, `invalid_value_type` for a non-JSON value (undefined, NaN, a Date,
 * a class instance, ...), `not_allowed` for a forbidden property name and `invalid_characters` for a property name
 * or string value holding NUL or a lone surrogate, at `metadata.<path>`.
 */
export function copyJsonMetadata(value: unknown, issues: Issue[]): Record<string, unknown> | undefined {
  if (!isPlainObject(value)) {
    report(issues, "metadata", "invalid_type", "metadata must be an object.");
    return undefined;
  }
  const walk: Walk = { issues, size: 0, failed: false, stopped: false };
  const copy = copyObject(value, "metadata", 1, walk);
  return walk.failed ? undefined : copy;
}
