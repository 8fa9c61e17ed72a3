import type { UniqueField } from "../ports/user-store.js";
import { SignupError } from "./signup-error.js";

const CONFLICT_CODE = { id: "id_exists", email: "email_exists", username: "username_exists" } as const;

/** The 409 error for a unique key that is taken. */
export function conflictError(field: UniqueField): SignupError {
  return new SignupError(CONFLICT_CODE[field]);
}
