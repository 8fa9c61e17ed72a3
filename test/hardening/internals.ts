/**
 * Tells a response that leaks the service's internals (stored field names, a password hash) from one that only
 * echoes what the client itself sent: a client may name a metadata key `emailKey`, and a 400 that quotes it back is
 * not a leak.
 */

/** Field names of the stored record that no response may carry as its own. */
const INTERNAL_FIELDS = ["passwordHash", "emailKey", "usernameKey"];
/** The test hasher's output format; seen in a response, a stored hash leaked. */
const HASH_MARK = "insecure-sha256$";

/** Every object key of a parsed JSON value, at any depth. */
function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) keysOf(item, into);
  else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      into.add(key);
      keysOf(item, into);
    }
  }
  return into;
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The first internal a response shows, or undefined. `sent` is everything the client sent as text (path, header
 * values, body), `body` the body alone. An internal name counts only when the client did not send it; one the client did send still
 * counts when the response carries it as a JSON key while the client's body never used it as a key.
 */
export function leakedInternal(responseText: string, sent: string, body: string): string | undefined {
  if (responseText.includes(HASH_MARK) && !sent.includes(HASH_MARK)) return HASH_MARK;
  const responseKeys = keysOf(parsed(responseText));
  let sentKeys: Set<string> | undefined;
  for (const name of INTERNAL_FIELDS) {
    if (!responseText.includes(name)) continue;
    if (!sent.includes(name)) return name;
    sentKeys ??= keysOf(parsed(body));
    if (responseKeys.has(name) && !sentKeys.has(name)) return name;
  }
  return undefined;
}
