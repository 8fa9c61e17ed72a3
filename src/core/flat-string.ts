/**
 * `value`, stored by V8 as one flat string. Strings built piece by piece (ulid's encoder, `crypto.randomUUID()` on
 * Node) are ropes, a tree of the pieces: about 490 bytes for a UUID where the flat string takes 56. A store that
 * keeps the value keeps the whole tree, and the garbage collector copies it while it is young. Reading a character
 * makes the engine flatten the rope in place; other engines ignore this.
 */
export function flat(value: string): string {
  // The comparison uses the read, so an optimizing compiler cannot drop it.
  return value.charCodeAt(0) >= 0 ? value : value;
}
