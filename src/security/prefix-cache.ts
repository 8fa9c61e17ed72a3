/** Size and lifetime bounds of a {@link PrefixCache}. */
export interface PrefixCacheOptions {
  /** Most prefixes kept; the least recently used one is dropped first. */
  maxEntries: number;
  /** Milliseconds an entry stays usable after it was stored. */
  ttlMs: number;
  /** Clock in ms since the epoch. */
  now: () => number;
}

/** A least-recently-used map from a hash prefix to the set of breached suffixes under it, with a time to live. */
export interface PrefixCache {
  get(prefix: string): ReadonlySet<string> | undefined;
  set(prefix: string, suffixes: ReadonlySet<string>): void;
  readonly size: number;
}

interface Entry {
  suffixes: ReadonlySet<string>;
  expiresAt: number;
}

/**
 * Creates a {@link PrefixCache}. A `Map` keeps insertion order, so re-inserting on every hit makes its first key the
 * least recently used one; expired entries are dropped when they are looked up or pushed out.
 */
export function createPrefixCache({ maxEntries, ttlMs, now }: PrefixCacheOptions): PrefixCache {
  const entries = new Map<string, Entry>();
  return {
    get(prefix) {
      const entry = entries.get(prefix);
      if (entry === undefined) return undefined;
      entries.delete(prefix);
      if (entry.expiresAt <= now()) return undefined;
      entries.set(prefix, entry);
      return entry.suffixes;
    },
    set(prefix, suffixes) {
      entries.delete(prefix);
      entries.set(prefix, { suffixes, expiresAt: now() + ttlMs });
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next();
        if (oldest.done) break;
        entries.delete(oldest.value);
      }
    },
    get size() {
      return entries.size;
    },
  };
}
