import type { HttpRoute } from "../project/types";
import { corsFixes } from "../fixes/cors";
import type { Rule } from "./types";

/**
 * Paths of server-to-server endpoints (payment and auth webhooks), which browsers never call and
 * which need no CORS.
 */
const SERVER_TO_SERVER_PATH = /hook|stripe|clerk|svix|twilio|resend|inbound/i;

/** Modules that import a CORS helper (`convex-helpers/server/cors`, `hono/cors`) set the headers there. */
const CORS_HELPER = /(?:^|[/-])cors(?:$|[/.-])/i;

/** The OPTIONS route that answers the preflight for `route`, if any: same path, or a prefix covering it. */
function preflightFor(route: HttpRoute, options: HttpRoute[]): HttpRoute | undefined {
  return options.find((o) => {
    if (route.path !== undefined) return o.path === route.path || (o.pathPrefix !== undefined && route.path.startsWith(o.pathPrefix));
    if (route.pathPrefix !== undefined) return o.pathPrefix !== undefined && route.pathPrefix.startsWith(o.pathPrefix);
    return false;
  });
}

export const httpCors: Rule = {
  meta: {
    id: "http-cors",
    description: "An HTTP route that browsers call cross-origin (any method but GET) with no OPTIONS preflight route, or no `Access-Control-Allow-Origin` header anywhere.",
    category: "application-patterns",
    defaultSeverity: "warning",
    fixKind: "fix",
  },
  check({ module, index, report }) {
    if (module.modulePath !== "http" || module.role !== "function" || !module.http) return;
    const routes = module.http.routes;
    const options = routes.filter((r) => r.method === "OPTIONS");
    const browserRoutes = routes.filter((r) =>
      r.method !== undefined && r.method !== "GET" && r.method !== "OPTIONS" && r.methodSpan !== undefined &&
      (r.path ?? r.pathPrefix) !== undefined && !SERVER_TO_SERVER_PATH.test(r.path ?? r.pathPrefix ?? ""));
    if (browserRoutes.length === 0) return;
    const modules = [...index.allModules("cors")];
    const setsHeader = modules.some((m) => m.setsCorsHeader || m.imports.some((i) => CORS_HELPER.test(i.specifier)));
    browserRoutes.forEach((route, i) => {
      const where = route.path ?? `${route.pathPrefix}*`;
      const problems: string[] = [];
      if (!preflightFor(route, options)) {
        problems.push(
          `${route.method} ${where} has no OPTIONS route for its path. A browser sends an OPTIONS preflight request ` +
            (route.method === "POST"
              ? `before a cross-origin POST with a JSON body or a header such as Authorization`
              : `before every cross-origin ${route.method}`) +
            `, and unless a route answers it with \`Access-Control-Allow-Methods\`/\`-Headers\` the browser never ` +
            `sends the request. Add \`http.route({ ${route.path !== undefined ? "path" : "pathPrefix"}: "${route.path ?? route.pathPrefix}", method: "OPTIONS", handler })\`.`,
        );
      }
      if (i === 0 && !setsHeader) {
        problems.push(
          `No module sets the \`Access-Control-Allow-Origin\` header, so browsers on another origin cannot read any ` +
            `response of this router. Return it (with the allowed origin, e.g. \`process.env.CLIENT_ORIGIN\`) from the ` +
            `handlers and from the OPTIONS preflight.`,
        );
      }
      if (problems.length === 0) return;
      const methods = [...new Set(browserRoutes.filter((r) => r.path === route.path && r.pathPrefix === route.pathPrefix).map((r) => r.method!))];
      report(route.methodSpan!, problems.join(" "), {
        fixes: () => corsFixes(index.project, module, route, { needsPreflight: !preflightFor(route, options), needsHeader: !setsHeader, methods }),
      });
    });
  },
};
