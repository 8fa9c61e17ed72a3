const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Folds an identity string so that look-alikes collide: Unicode NFKC (full-width letters, the Kelvin sign,
 * ligatures), then full case folding via upper-then-lower case (sharp s → ss, dotless i → i, long s → s).
 * ASCII input takes a fast path that gives the same result.
 */
export function foldIdentity(value: string): string {
  if (PRINTABLE_ASCII.test(value)) return value.toLowerCase();
  return value.normalize("NFKC").toUpperCase().toLowerCase().normalize("NFKC");
}

/** The key that decides username uniqueness within a tenant. */
export function usernameKey(username: string): string {
  return foldIdentity(username);
}

/**
 * The key that decides email uniqueness within a tenant: folded like a username, and the trailing dots of the
 * domain removed (`a@example.com.` is the mailbox `a@example.com`).
 */
export function emailKey(email: string): string {
  const folded = foldIdentity(email);
  let end = folded.length;
  while (end > 0 && folded.charCodeAt(end - 1) === 0x2e) end--;
  return end === folded.length ? folded : folded.slice(0, end);
}
