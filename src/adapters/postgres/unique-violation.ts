import type { UniqueField } from "../../ports/user-store.js";
import type { PostgresNames } from "./schema.js";

/** PostgreSQL's SQLSTATE for a unique violation. */
const UNIQUE_VIOLATION = "23505";

/**
 * The users key a unique violation is about, from the constraint name PostgreSQL reports (pg and PGlite both put
 * it on the error as `constraint`); undefined for anything else, which the caller rethrows as it is.
 */
export function conflictOf(error: unknown, names: PostgresNames): UniqueField | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  if (code !== UNIQUE_VIOLATION) return undefined;
  const { id, email, username } = names.constraints;
  if (constraint === id) return "id";
  if (constraint === email) return "email";
  if (constraint === username) return "username";
  return undefined;
}
