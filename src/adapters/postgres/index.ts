export type {
  PGliteLike,
  PGliteTransactionLike,
  PgClientLike,
  PgPoolClientLike,
  PgPoolLike,
  PgQueryConfig,
  PostgresClient,
  QueryResultLike,
  Row,
} from "./client.js";
export { createPostgresStore, type PostgresStore } from "./postgres-store.js";
export { type PostgresStoreOptions, postgresSchema } from "./schema.js";
