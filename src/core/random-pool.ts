/** Bytes drawn from the platform CSPRNG 4 KB at a time: one `getRandomValues` call per 4,096 bytes used. */
const pool = new Uint8Array(4096);
let index = pool.length;

/** One byte from the platform CSPRNG (pooled). */
export function randomByte(): number {
  if (index === pool.length) {
    crypto.getRandomValues(pool);
    index = 0;
  }
  return pool[index++] as number;
}
