import type { ValidSignup } from "../model/signup-input.js";

/**
 * Shortest piece of personal information the no-personal-info rule looks for. A one- or two-character name or
 * email local part ("al", "jo") would refuse far too many passwords by accident, so shorter parts are skipped.
 */
export const PERSONAL_INFO_MIN_LENGTH = 3;

/** The validated profile values the rule reads; absent ones are skipped, and metadata values count if strings. */
export type PersonalInfoSource = Pick<
  ValidSignup,
  "email" | "username" | "name" | "nickname" | "givenName" | "familyName" | "metadata"
>;

function addPart(parts: string[], value: unknown): void {
  if (typeof value === "string" && value.length >= PERSONAL_INFO_MIN_LENGTH) parts.push(value.toLowerCase());
}

function metadataValue(metadata: Record<string, unknown> | undefined, key: string): unknown {
  return metadata !== undefined && Object.hasOwn(metadata, key) ? metadata[key] : undefined;
}

/**
 * Whether a password contains (case-insensitively) the user's name, username, nickname, given or family name,
 * `metadata.name`/`first`/`last`, or the part of the email before the `@`. Parts shorter than
 * {@link PERSONAL_INFO_MIN_LENGTH} characters are ignored. The caller bounds the password's length.
 */
export function containsPersonalInfo(password: string, source: PersonalInfoSource): boolean {
  const parts: string[] = [];
  addPart(parts, source.name);
  addPart(parts, source.username);
  addPart(parts, source.nickname);
  addPart(parts, source.givenName);
  addPart(parts, source.familyName);
  addPart(parts, metadataValue(source.metadata, "name"));
  addPart(parts, metadataValue(source.metadata, "first"));
  addPart(parts, metadataValue(source.metadata, "last"));
  if (source.email !== undefined) {
    const at = source.email.indexOf("@");
    addPart(parts, at < 0 ? source.email : source.email.slice(0, at));
  }
  if (parts.length === 0) return false;
  const lower = password.toLowerCase();
  return parts.some((part) => part.length <= lower.length && lower.includes(part));
}
