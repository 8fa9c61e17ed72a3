export { createKyselyStore, type KyselyStoreOptions } from "./kysely-store.js";
