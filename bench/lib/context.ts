/** What every row gets from the runner. */
export interface BenchContext {
  /** `--quick`: shorter phases and smaller sizes, for a smoke run. */
  quick: boolean;
  /** Progress on stderr (the table goes to stdout). */
  log(message: string): void;
  /** Picks the full or the quick value. */
  pick<T>(full: T, quick: T): T;
}
