import { monotonicFactory } from "ulid";

/**
 * ulid's monotonic ids (`monotonicFactory`): strictly increasing within a millisecond and while the clock stands
 * behind the last id's time. `random` defaults to ulid's own CSPRNG source; `now` to `Date.now`.
 */
export function monotonicIds(random?: () => number, now: () => number = Date.now): () => string {
  const next = monotonicFactory(random);
  return () => next(now());
}
