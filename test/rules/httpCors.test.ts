import { httpCors } from "../../server/src/rules/httpCors";
import { ruleTests } from "../support/ruleTester";


ruleTests(httpCors, {
  valid: [
    {
      name: "only GET routes",
      filename: "convex/http.ts",
      code: `import { httpRouter } from "convex/server";
import { httpAction } from "./_generated/server";
const handler = httpAction(async () => new Response("ok"));
const http = httpRouter();
http.route({ path: "/items", method: "GET", handler });
http.route({ pathPrefix: "/files/", method: "GET", handler });
export default http;
`,
    },
    {
      name: "a preflight route and the header in this module",
      filename: "convex/http.ts",
      code: `import { httpRouter } from "convex/server";
import { httpAction } from "./_generated/server";
const handler = httpAction(async () => new Response("ok"));
const http = httpRouter();
const headers = { "Access-Control-Allow-Origin": "*" };
http.route({ path: "/items", method: "POST", handler });
http.route({ path: "/items", method: "OPTIONS", handler });
export default http;
`,
    },
    {
      name: "a preflight prefix covering the routes, header set in another module",
      filename: "convex/http.ts",
      files: { "convex/cors.ts": `export const corsHeaders = { "Access-Control-Allow-Origin": process.env.CLIENT_ORIGIN! };
` },
      code: `import { httpRouter } from "convex/server";
import { httpAction } from "./_generated/server";
const handler = httpAction(async () => new Response("ok"));
const http = httpRouter();
http.route({ path: "/api/items", method: "PUT", handler });
http.route({ pathPrefix: "/api/files/", method: "DELETE", handler });
http.route({ pathPrefix: "/api/", method: "OPTIONS", handler });
export default http;
`,
    },
    {
      name: "webhooks are called by servers, not browsers",
      filename: "convex/http.ts",
      code: `import { httpRouter } from "convex/server";
import { httpAction } from "./_generated/server";
const handler = httpAction(async () => new Response("ok"));
const http = httpRouter();
http.route({ path: "/stripe/webhook", method: "POST", handler });
http.route({ path: "/clerk-users-webhook", method: "POST", handler });
http.route({ pathPrefix: "/hooks/", method: "POST", handler });
export default http;
`,
    },
    {
      name: "a CORS helper sets the header",
      filename: "convex/http.ts",
      code: `import { corsRouter } from "convex-helpers/server/cors";
import { httpRouter } from "convex/server";
import { httpAction } from "./_generated/server";
const handler = httpAction(async () => new Response("ok"));
const http = httpRouter();
http.route({ path: "/items", method: "POST", handler });
http.route({ path: "/items", method: "OPTIONS", handler });
export default http;
`,
    },
    {
      name: "not convex/http.ts",
      filename: "convex/router.ts",
      code: `import { httpRouter } from "convex/server";
import { httpAction } from "./_generated/server";
const handler = httpAction(async () => new Response("ok"));
const http = httpRouter();
http.route({ path: "/items", method: "POST", handler });
export default http;
`,
    },
    {
      name: "a method the facts cannot read",
      filename: "convex/http.ts",
      code: `import { httpRouter } from "convex/server";
import { httpAction } from "./_generated/server";
const handler = httpAction(async () => new Response("ok"));
const http = httpRouter();
const method = "POST" as const;
http.route({ path: "/items", method, handler });
export default http;
`,
    },
  ],
  invalid: [
    {
      name: "no preflight for the path",
      filename: "convex/http.ts",
      code: `import { httpRouter } from "convex/server";
import { httpAction } from "./_generated/server";
const handler = httpAction(async () => new Response("ok"));
const http = httpRouter();
const headers = { "Access-Control-Allow-Origin": "*" };
http.route({ path: "/items", method: "POST", handler });
http.route({ path: "/other", method: "OPTIONS", handler });
export default http;
`,
      errors: [
        { line: 6, column: 38, endLine: 6, endColumn: 44, message: /^POST \/items has no OPTIONS route for its path\. A browser sends an OPTIONS preflight request before a cross-origin POST with a JSON body.*method: "OPTIONS", handler \}\)`\.$/, fixes: ["Add an OPTIONS route for /items"] },
      ],
    },
    {
      name: "preflights present, but no module sets the header",
      filename: "convex/http.ts",
      code: `import { httpRouter } from "convex/server";
import { httpAction } from "./_generated/server";
const handler = httpAction(async () => new Response("ok"));
const http = httpRouter();
http.route({ path: "/items", method: "PATCH", handler });
http.route({ path: "/items", method: "OPTIONS", handler });
http.route({ path: "/items/archive", method: "POST", handler });
http.route({ pathPrefix: "/items/", method: "OPTIONS", handler });
export default http;
`,
      errors: [
        { line: 5, column: 38, endLine: 5, endColumn: 45, message: /^No module sets the `Access-Control-Allow-Origin` header/, fixes: ["Add the `Access-Control-Allow-Origin` header to the handler's responses"] },
      ],
    },
    {
      name: "neither preflight nor header",
      filename: "convex/http.ts",
      code: `import { httpRouter } from "convex/server";
import { httpAction } from "./_generated/server";
const handler = httpAction(async () => new Response("ok"));
const http = httpRouter();
http.route({ path: "/a", method: "PUT", handler });
http.route({ pathPrefix: "/b/", method: "DELETE", handler });
http.route({ pathPrefix: "/c/", method: "OPTIONS", handler });
export default http;
`,
      errors: [
        { line: 5, column: 34, endLine: 5, endColumn: 39, message: /^PUT \/a has no OPTIONS route.*before every cross-origin PUT.* No module sets the `Access-Control-Allow-Origin` header/, fixes: ["Add an OPTIONS route for /a and the `Access-Control-Allow-Origin` header"] },
        { line: 6, column: 41, endLine: 6, endColumn: 49, message: /^(?!.*No module sets)DELETE \/b\/\* has no OPTIONS route.*pathPrefix: "\/b\/", method: "OPTIONS"[^]*\.$/, fixes: ["Add an OPTIONS route for /b/* and the `Access-Control-Allow-Origin` header"] },
      ],
    },
    {
      name: "inline handlers: headers added to each response; the handler is imported from elsewhere (tabs, CRLF, no semicolons)",
      filename: "convex/http.ts",
      files: { "convex/upload.ts": `import { httpAction } from "./_generated/server"
export const upload = httpAction(async () => new Response("ok"))
` },
      code: `import { httpRouter } from "convex/server"
import { httpAction } from "./_generated/server"
import { upload } from "./upload"
const http = httpRouter()
http.route({
\tpath: "/api/items",
\tmethod: "POST",
\thandler: httpAction(async (ctx, request) => {
\t\tif (!request.body) return new Response(null, { status: 400 })
\t\treturn Response.json({ ok: true }, {
\t\t\tstatus: 201,
\t\t\theaders: {
\t\t\t\t"Content-Type": "application/json",
\t\t\t},
\t\t})
\t}),
})
http.route({ path: "/api/items", method: "PUT", handler: httpAction(async () => new Response()) })
http.route({ path: "/api/upload", method: "POST", handler: upload })
export default http
`.replace(/\n/g, "\r\n"),
      errors: [
        { line: 7, column: 10, fixes: ["Add an OPTIONS route for /api/items and the `Access-Control-Allow-Origin` header"] },
        { line: 18, column: 42, fixes: ["Add an OPTIONS route for /api/items and the `Access-Control-Allow-Origin` header"] },
        { line: 19, column: 43, fixes: ["Add an OPTIONS route for /api/upload"] },
      ],
    },
  ],
});

