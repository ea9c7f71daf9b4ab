import type { HttpRoute } from "../project/types";
import type { Rule } from "./types";

/** `ROUTABLE_HTTP_METHODS` of convex/server (router.ts). HEAD is served by GET; CONNECT and TRACE are unsupported. */
export const ROUTABLE_HTTP_METHODS = ["GET", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"];

export const httpRouterExport: Rule = {
  meta: {
    id: "http-router-export",
    description: "`convex/http.ts` without a default-exported `httpRouter()`, or a route Convex rejects (path without a leading `/`, duplicate path and method, unsupported method).",
    category: "application-patterns",
    defaultSeverity: "error",
    fixKind: "none",
    deploy: true,
  },
  check({ module, report }) {
    if (module.modulePath !== "http" || module.role !== "function") return;
    const http = module.http;
    // Anything exported as default (`export { http as default }`, a router built elsewhere or by a
    // helper such as Hono's) may be a Router; Convex's check happens at push and we cannot see it.
    const hasDefault = module.exportNames.includes("default");
    if (!http || !http.exportedDefault) {
      if (!hasDefault && module.parseProblems.length === 0) {
        report(
          http ? http.routerSpan : { start: 0, end: 0 },
          http
            ? `The router is not the default export of convex/http.ts. Convex only serves the router that http.ts exports ` +
                `as default and rejects the push otherwise ("\`convex/http.js\` must have a default export of a Router"). ` +
                `End the file with \`export default http;\` (the router's name).`
            : `convex/http.ts has no default export. Convex rejects the push ("\`convex/http.js\` must have a default ` +
                `export of a Router"). Create the router with \`const http = httpRouter();\` (from "convex/server"), add ` +
                `routes with \`http.route({ path, method, handler })\`, and end with \`export default http;\`.`,
        );
      }
    }
    if (!http) return;
    const seen = new Map<string, HttpRoute>();
    for (const route of http.routes) {
      const reject = (span: HttpRoute["span"] | undefined, problem: string) =>
        report(span ?? route.span, `${problem} The router throws when http.ts is loaded, so Convex rejects the push.`);
      if (route.method !== undefined && !ROUTABLE_HTTP_METHODS.includes(route.method)) {
        const upper = route.method.toUpperCase();
        reject(
          route.methodSpan,
          `"${route.method}" is not an HTTP method Convex routes (allowed: ${ROUTABLE_HTTP_METHODS.join(", ")}).` +
            (upper !== route.method && ROUTABLE_HTTP_METHODS.includes(upper)
              ? ` Methods are case-sensitive: write "${upper}".`
              : upper === "HEAD"
                ? ` HEAD requests are answered by the GET route with the body stripped.`
                : ""),
        );
      }
      if (route.path !== undefined && route.pathPrefix !== undefined) {
        reject(route.pathSpan, `A route may have \`path\` or \`pathPrefix\`, not both.`);
        continue;
      }
      const value = route.path ?? route.pathPrefix;
      if (value === undefined) continue;
      const what = route.path !== undefined ? "path" : "pathPrefix";
      if (!value.startsWith("/")) {
        reject(route.pathSpan, `The ${what} "${value}" does not start with "/" (write "/${value}").`);
        continue;
      }
      if (route.pathPrefix !== undefined && !value.endsWith("/")) {
        reject(route.pathSpan, `The pathPrefix "${value}" does not end with "/" (write "${value}/"): a prefix matches whole path segments.`);
        continue;
      }
      if (value === "/.files" || value.startsWith("/.files/")) {
        reject(route.pathSpan, `The ${what} "${value}" is reserved by Convex (file serving).`);
        continue;
      }
      if (route.method === undefined) continue;
      const key = `${what} ${route.method} ${value}`;
      if (seen.has(key)) {
        reject(route.pathSpan, `${route.method} ${what === "path" ? value : `${value}*`} is already routed above.`);
      } else seen.set(key, route);
    }
  },
};
