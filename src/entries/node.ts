/**
 * `signupkit/node`: serves the `signupkit/http` handlers on Node: a node:http listener, Express 4/5 and Connect
 * middleware, Koa middleware and a Fastify plugin. Each works whether or not a body parser ran first, keeps the
 * handlers' 413/415 answers, and passes `clientAddress` and `nodeRequest` to the hooks' `SignupContext.meta`
 * (e.g. for per-address rate limiting in `beforeCreate`).
 *
 * @example
 * import { createServer } from "node:http";
 * import { createBaasHandler } from "signupkit/http";
 * import { toNodeListener } from "signupkit/node";
 *
 * createServer(toNodeListener(createBaasHandler(service, { apps }))).listen(3000, "127.0.0.1");
 *
 * @module
 */
export {
  type FastifyAdapterOptions,
  type FastifyInstanceLike,
  toFastifyPlugin,
} from "../node/fastify-plugin.js";
export type { NodeAdapterOptions, NodeSignupMeta } from "../node/node-bridge.js";
export {
  type KoaContextLike,
  type KoaMiddleware,
  type NodeListener,
  type NodeMiddleware,
  toKoaMiddleware,
  toNodeListener,
  toNodeMiddleware,
} from "../node/node-middleware.js";
