import * as v from "valibot";
import type { Issue, IssueCode } from "../errors/issue.js";
import { cleanTextRule, isCleanText, type TextCharacters } from "./clean-text.js";
import { report } from "./issues.js";

/** One validation step in a string field's valibot pipe. */
export type StringCheck = v.PipeItem<string, string, v.BaseIssue<unknown>>;

/** A field schema built by {@link stringField}: accepts any value, passes strings only. */
export type StringSchema = v.GenericSchema<string>;

/**
 * How lengths are counted: UTF-16 code units (`.length`), or Unicode characters (code points, so an emoji or a
 * CJK extension character counts once).
 */
export type LengthUnit = "codeUnits" | "codePoints";

/** Every violation at once, each pipe to its end: the collection is ours, valibot's global config never applies. */
const CONFIG: v.Config<v.BaseIssue<unknown>> = { abortEarly: false, abortPipeEarly: false };

/**
 * A valibot validation action whose issue `type` is our stable {@link IssueCode}, so mapping an issue back is
 * a field read, not a message lookup.
 */
export function rule<T = string>(
  code: IssueCode,
  requirement: (value: T) => boolean,
  message: string,
): v.BaseValidation<T, T, v.CheckIssue<T>> {
  return { ...v.check<T, string>(requirement, message), type: code };
}

/** The number of Unicode characters (code points) in `text`; a lone surrogate counts as one. */
export function codePointLength(text: string): number {
  let length = text.length;
  for (let i = 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xdc00 && code <= 0xdfff) {
      const previous = text.charCodeAt(i - 1);
      if (previous >= 0xd800 && previous <= 0xdbff) length--;
    }
  }
  return length;
}

/** `length(text) <= max`, in O(1) for any text longer than twice the bound (a code point is 1 or 2 units). */
export function withinMax(text: string, max: number, unit: LengthUnit): boolean {
  if (text.length <= max) return true;
  if (unit === "codeUnits" || text.length > 2 * max) return false;
  return codePointLength(text) <= max;
}

/** `length(text) >= min`, counting only texts shorter than twice the bound. */
export function atLeastMin(text: string, min: number, unit: LengthUnit): boolean {
  if (text.length < min) return false;
  if (unit === "codeUnits" || text.length >= 2 * min) return true;
  return codePointLength(text) >= min;
}

/** What {@link stringField} checks. */
export interface StringFieldSpec {
  min: number;
  max: number;
  unit?: LengthUnit;
  /**
   * Control characters the field tolerates (default `"plain"`: none). Either way NUL and lone surrogates are
   * `invalid_characters`, checked before the content rules, which then do not run.
   */
  characters?: TextCharacters;
  /** Content rules (characters, format, ...). They run only on a clean string whose length is within bounds. */
  checks?: StringCheck[];
}

function characters(n: number): string {
  return n === 1 ? "1 character" : `${n} characters`;
}

/**
 * A string field: type, then length, then clean text ({@link isCleanText}), then the content rules. Each stage sits
 * in a nested pipe, which valibot skips once an earlier stage failed, so no scan or regular expression ever sees an
 * oversized string and a NUL or lone surrogate is one `invalid_characters` issue, not also a format error; every
 * content rule runs when the text is clean, so a value breaking several reports each.
 */
export function stringField(field: string, spec: StringFieldSpec): StringSchema {
  const { min, max } = spec;
  const unit = spec.unit ?? "codeUnits";
  const items: StringCheck[] = [
    rule(
      "too_long",
      (text: string) => withinMax(text, max, unit),
      `${field} must be at most ${characters(max)}.`,
    ),
  ];
  if (min > 0) {
    const message =
      min === 1 ? `${field} must not be empty.` : `${field} must be at least ${characters(min)}.`;
    items.push(rule("too_short", (text: string) => atLeastMin(text, min, unit), message));
  }
  const allowed = spec.characters ?? "plain";
  const clean = rule(
    "invalid_characters",
    (text: string) => isCleanText(text, allowed),
    `${field} ${cleanTextRule(allowed)}.`,
  );
  const checks = spec.checks ?? [];
  items.push(
    checks.length > 0 ? v.pipe(v.string(), clean, v.pipe(v.string(), ...checks)) : v.pipe(v.string(), clean),
  );
  return v.pipe(v.string(`${field} must be a string.`), ...items);
}

/** A boolean field. */
export function booleanField(field: string): v.GenericSchema<boolean> {
  return v.boolean(`${field} must be true or false.`);
}

/**
 * Runs a field schema and adds its issues (a schema issue is `invalid_type`, a rule's issue carries its code).
 * Returns whether the value passed.
 */
export function runField(
  schema: v.GenericSchema<unknown>,
  value: unknown,
  field: string,
  issues: Issue[],
): boolean {
  const result = v.safeParse(schema, value, CONFIG);
  if (result.success) return true;
  for (const issue of result.issues) {
    const code = issue.kind === "schema" ? "invalid_type" : (issue.type as IssueCode);
    report(issues, field, code, issue.message);
  }
  return false;
}
