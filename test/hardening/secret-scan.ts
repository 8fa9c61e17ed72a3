import type { UserStore } from "signupkit";

/**
 * Every string reachable from `value`: own property names and values (non-enumerable ones too, so an error's
 * `message`, `stack` and `cause` are read), array items, Map and Set entries, at any depth, plus its JSON text.
 */
export function stringsIn(value: unknown): string[] {
  const out: string[] = [];
  const seen = new Set<object>();
  const walk = (item: unknown): void => {
    if (typeof item === "string") {
      out.push(item);
      return;
    }
    if (typeof item === "bigint" || typeof item === "number" || typeof item === "boolean") return;
    if ((typeof item !== "object" && typeof item !== "function") || item === null || seen.has(item)) return;
    seen.add(item);
    if (item instanceof Map) {
      for (const [k, v] of item) {
        walk(k);
        walk(v);
      }
    } else if (item instanceof Set) {
      for (const v of item) walk(v);
    }
    for (const key of Reflect.ownKeys(item)) {
      if (typeof key === "string") out.push(key);
      const descriptor = Object.getOwnPropertyDescriptor(item, key);
      if (descriptor !== undefined && "value" in descriptor) walk(descriptor.value);
    }
    if (item instanceof Error) walk(item.stack);
  };
  walk(value);
  try {
    out.push(JSON.stringify(value) ?? "");
  } catch {
    // Not serializable (a cycle): the walk above has read it all.
  }
  return out;
}

/** Labelled values to search for secrets. */
export interface Capture {
  readonly items: { label: string; value: unknown }[];
  add(label: string, value: unknown): void;
  /** The labels of every captured value in which `secret` occurs. */
  where(secret: string): string[];
}

/** Creates an empty {@link Capture}. */
export function createCapture(): Capture {
  const items: { label: string; value: unknown }[] = [];
  return {
    items,
    add(label, value) {
      items.push({ label, value });
    },
    where(secret) {
      return items
        .filter(({ value }) => stringsIn(value).some((s) => s.includes(secret)))
        .map(({ label }) => label);
    },
  };
}

/** Wraps a store so that every argument the service passes and every value it gets back is captured. */
export function capturingStore<S extends UserStore>(inner: S, capture: Capture): S {
  return new Proxy(inner, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function" || typeof property !== "string") return value;
      return async (...args: unknown[]) => {
        capture.add(`store.${property}(args)`, structuredClone(args));
        const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        capture.add(`store.${property}(result)`, structuredClone(result));
        return result;
      };
    },
  });
}
