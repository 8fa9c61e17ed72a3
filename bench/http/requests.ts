/** The NEC app and Auth0 client every server of the `http` row serves. */
export const BENCH_APP = { tenant: "bench", appId: "bench-app", appKey: "bench-app-key-0123456789" } as const;
export const BENCH_CLIENT = { clientId: "bench-client", connection: "bench-connection" } as const;

/** What one load run sends: path, headers and a body distinct per request. */
export interface LoadTarget {
  path: string;
  headers: Record<string, string>;
  body(i: number): string;
}

const JSON_TYPE = { "content-type": "application/json" };

/** A NEC signup (also what the bare server parses). */
export const NEC_TARGET: LoadTarget = {
  path: `/1/${BENCH_APP.tenant}/users`,
  headers: { ...JSON_TYPE, "x-application-id": BENCH_APP.appId, "x-application-key": BENCH_APP.appKey },
  body: (i) => JSON.stringify({ email: `user${i}@example.com`, password: "Passw0rd!" }),
};

/** An Auth0 signup. */
export const AUTH0_TARGET: LoadTarget = {
  path: "/dbconnections/signup",
  headers: JSON_TYPE,
  body: (i) =>
    JSON.stringify({
      client_id: BENCH_CLIENT.clientId,
      connection: BENCH_CLIENT.connection,
      email: `user${i}@example.com`,
      password: "Xy9!kL2#pQ",
    }),
};

/** Better Auth's email sign-up. */
export const BETTER_AUTH_TARGET: LoadTarget = {
  path: "/api/auth/sign-up/email",
  headers: { ...JSON_TYPE, origin: "http://127.0.0.1" },
  body: (i) => JSON.stringify({ email: `user${i}@example.com`, password: "Passw0rd!", name: "Bench" }),
};
