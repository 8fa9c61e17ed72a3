/** A map from a tenant (or a token purpose) to a map from a canonical key (or a subject) to what it names. */
export type PerTenant<V> = Map<string, Map<string, V>>;

/** The inner map of `tenant`, made empty when there is none. */
export function scoped<V>(index: PerTenant<V>, tenant: string): Map<string, V> {
  let map = index.get(tenant);
  if (map === undefined) {
    map = new Map();
    index.set(tenant, map);
  }
  return map;
}

/** The set under `outer` and `inner`, made empty when there is none. */
export function members(index: PerTenant<Set<string>>, outer: string, inner: string): Set<string> {
  const map = scoped(index, outer);
  let set = map.get(inner);
  if (set === undefined) {
    set = new Set();
    map.set(inner, set);
  }
  return set;
}

/** Removes `value` from the set under `outer` and `inner`, and the set when it is left empty. */
export function leave(index: PerTenant<Set<string>>, outer: string, inner: string, value: string): void {
  const set = index.get(outer)?.get(inner);
  set?.delete(value);
  if (set?.size === 0) index.get(outer)?.delete(inner);
}
