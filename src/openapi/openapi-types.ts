import type { TenantOptions } from "../service/service-types.js";

/** An OpenAPI 3.1 document as plain JSON: serve it with `JSON.stringify`, feed it to any OpenAPI tool. */
export interface OpenApiDocument {
  /** Always `"3.1.0"`. */
  openapi: "3.1.0";
  /** Title and version of the described API. */
  info: {
    /** The API's title. */
    title: string;
    /** The API's version. */
    version: string;
    /** Longer text about the API. */
    description?: string;
  };
  /** Where the API is served, when {@link OpenApiOptions.serverUrl} was given. */
  servers?: {
    /** The base URL of the API. */
    url: string;
  }[];
  /** Every route, keyed by path (the handler's `basePath` included). */
  paths: Record<string, Record<string, unknown>>;
  /** Shared schemas and responses the paths refer to. */
  components: Record<string, Record<string, unknown>>;
}

/** Options both document builders share. */
export interface OpenApiOptions {
  /**
   * The tenants exactly as given to `createSignupService`: each one's policy decides the documented body (lengths,
   * patterns, required fields) and its mail settings the 200 body (`{}` while a confirmation link is pending).
   */
  tenants: Readonly<Record<string, TenantOptions>>;
  /** The handler's `basePath` (default `""`). */
  basePath?: string;
  /** `info.title` (default names the API). */
  title?: string;
  /** `info.version`, the version of your API (default `"1.0.0"`). */
  version?: string;
  /** Absolute URL the handler is reached at, for `servers` (default: none, so tools use the document's origin). */
  serverUrl?: string;
  /** Also document `GET {basePath}/openapi.json`, for a handler given this document as its `openapi` option. */
  documentRoute?: boolean;
}
