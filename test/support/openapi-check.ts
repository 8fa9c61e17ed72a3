import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { OpenApiDocument } from "signupkit/openapi";

// ajv-formats is CommonJS: its default export is the plugin, under `default` again when loaded from ESM.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => void;

type Json = Record<string, unknown>;

/** An ajv for JSON Schema 2020-12 (OpenAPI 3.1's dialect) with the standard formats. */
export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv;
}

/** Validates `document` as OpenAPI 3.1 with a real validator; throws listing every error. */
export async function assertValidOpenApi(document: OpenApiDocument): Promise<void> {
  const validator = new Validator();
  const result = await validator.validate(structuredClone(document) as never);
  if (!result.valid)
    throw new Error(`not a valid OpenAPI document: ${JSON.stringify(result.errors, null, 2)}`);
  if (validator.version !== "3.1") throw new Error(`validated as OpenAPI ${validator.version}, not 3.1`);
}

/** JSON Pointer escaping of one path segment. */
const pointer = (segment: string) => segment.replaceAll("~", "~0").replaceAll("/", "~1");

function matchPath(document: OpenApiDocument, pathname: string): string | undefined {
  if (document.paths[pathname] !== undefined) return pathname;
  return Object.keys(document.paths).find((template) => {
    if (!template.includes("{")) return false;
    const pattern = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{[^}]+\\?\}/g, "[^/]+");
    return new RegExp(`^${pattern}$`).test(pathname);
  });
}

/** Checks responses against one document: every one must be a documented status with a body of its schema. */
export class ResponseChecker {
  readonly #ajv: Ajv2020;
  readonly #document: OpenApiDocument;
  readonly #errorSchema: string;
  readonly #compiled = new Map<string, ValidateFunction>();
  /** `METHOD path status` of every response checked against a documented operation. */
  seen = new Set<string>();

  constructor(document: OpenApiDocument) {
    this.#document = document;
    this.#ajv = createAjv();
    this.#ajv.addSchema(structuredClone(document) as unknown as Json, "doc");
    const schemas = document.components.schemas ?? {};
    this.#errorSchema = Object.keys(schemas).find((name) => name.endsWith("Error")) ?? "";
  }

  #validator(ref: string): ValidateFunction {
    let validate = this.#compiled.get(ref);
    if (validate === undefined) {
      validate = this.#ajv.getSchema(ref);
      if (validate === undefined) throw new Error(`no schema at ${ref}`);
      this.#compiled.set(ref, validate);
    }
    return validate;
  }

  #validate(ref: string, body: unknown, what: string): void {
    const validate = this.#validator(ref);
    if (!validate(body)) {
      throw new Error(
        `${what}: body does not match ${ref}: ${JSON.stringify(validate.errors)}\n${JSON.stringify(body)}`,
      );
    }
  }

  /** Throws unless `response` (to `request`) is what the document says; returns the response unread. */
  async check(request: Request, response: Response): Promise<Response> {
    const url = new URL(request.url);
    const method = request.method.toLowerCase();
    const what = `${request.method} ${url.pathname} → ${response.status}`;
    const copy = response.clone();
    const type = (copy.headers.get("content-type") ?? "").split(";")[0]?.trim() ?? "";
    const text = await copy.text();
    const path = matchPath(this.#document, url.pathname);
    const operation =
      path === undefined ? undefined : (this.#document.paths[path]?.[method] as Json | undefined);
    if (path === undefined || operation === undefined) {
      // Undocumented: an unknown route, tenant or method can only be refused, in the dialect's error body.
      if (![400, 401, 404, 405].includes(response.status)) throw new Error(`${what}: undocumented operation`);
      if (type === "application/json")
        this.#validate(`doc#/components/schemas/${this.#errorSchema}`, JSON.parse(text), what);
      return response;
    }
    const responses = operation.responses as Record<string, Json>;
    const documented = responses[String(response.status)];
    if (documented === undefined) throw new Error(`${what}: status not documented for ${method} ${path}`);
    this.seen.add(`${method.toUpperCase()} ${path} ${response.status}`);
    for (const [name, header] of Object.entries((documented.headers ?? {}) as Record<string, Json>)) {
      if (header.required === true && !response.headers.has(name))
        throw new Error(`${what}: header ${name} missing`);
    }
    const content = documented.content as Record<string, Json> | undefined;
    if (content === undefined) {
      if (text !== "") throw new Error(`${what}: documented without a body, got ${text.slice(0, 80)}`);
      return response;
    }
    if (content[type] === undefined) throw new Error(`${what}: content type ${type} not documented`);
    if (type === "application/json") {
      const ref = `doc#/paths/${pointer(path)}/${method}/responses/${response.status}/content/${pointer(type)}/schema`;
      this.#validate(ref, JSON.parse(text), what);
    }
    return response;
  }

  /** Wraps a Fetch handler so every response it gives is checked. */
  wrap(handler: (request: Request) => Promise<Response>): (request: Request) => Promise<Response> {
    // The method and URL stay readable after the handler consumed the body.
    return async (request) => this.check(request, await handler(request));
  }
}
