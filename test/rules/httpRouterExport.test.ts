import { httpRouterExport } from "../../server/src/rules/httpRouterExport";
import { ruleTests } from "../support/ruleTester";


ruleTests(httpRouterExport, {
  valid: [
    {
      name: "every allowed method, paths and prefixes",
      filename: "convex/http.ts",
      code: `import { httpRouter } from "convex/server";
import { httpAction } from "./_generated/server";
const handler = httpAction(async () => new Response("ok"));
const http = httpRouter();
http.route({ path: "/items", method: "GET", handler });
http.route({ path: "/items", method: "POST", handler });
http.route({ path: "/items", method: "PUT", handler });
http.route({ path: "/items", method: "DELETE", handler });
http.route({ path: "/items", method: "OPTIONS", handler });
http.route({ path: "/items", method: "PATCH", handler });
http.route({ pathPrefix: "/items/", method: "GET", handler });
http.route({ pathPrefix: "/", method: "POST", handler });
export default http;
`,
    },
    {
      name: "export default of the call itself",
      filename: "convex/http.ts",
      code: `import { httpRouter } from "convex/server";
import { httpAction } from "./_generated/server";
const handler = httpAction(async () => new Response("ok"));
export default httpRouter();
`,
    },
    {
      name: "exported under the name default",
      filename: "convex/http.ts",
      code: `import { httpRouter } from "convex/server";
import { httpAction } from "./_generated/server";
const handler = httpAction(async () => new Response("ok"));
const http = httpRouter();
http.route({ path: "/a", method: "GET", handler });
export { http as default };
`,
    },
    {
      name: "a router built in another module",
      filename: "convex/http.ts",
      files: { "convex/router.ts": `import { httpRouter } from "convex/server";
import { httpAction } from "./_generated/server";
const handler = httpAction(async () => new Response("ok"));
const http = httpRouter();
http.route({ path: "/a", method: "GET", handler });
export default http;
` },
      code: `import http from "./router";
export default http;
`,
    },
    {
      name: "values the facts cannot read",
      filename: "convex/http.ts",
      code: `import { httpRouter } from "convex/server";
import { httpAction } from "./_generated/server";
const handler = httpAction(async () => new Response("ok"));
const http = httpRouter();
const method = "get";
const path = "no-slash";
http.route({ path, method: method as "GET", handler });
export default http;
`,
    },
    {
      name: "another module with an unexported router",
      filename: "convex/routes.ts",
      code: `import { httpRouter } from "convex/server";
import { httpAction } from "./_generated/server";
const handler = httpAction(async () => new Response("ok"));
const http = httpRouter();
http.route({ path: "a", method: "HEAD" as never, handler });
`,
    },
    {
      name: "http.ts that does not parse",
      filename: "convex/http.ts",
      code: `import { httpRouter } from "convex/server";
import { httpAction } from "./_generated/server";
const handler = httpAction(async () => new Response("ok"));
const http = httpRouter(;
`,
    },
  ],
  invalid: [
    {
      name: "the router is not the default export",
      filename: "convex/http.ts",
      code: `import { httpRouter } from "convex/server";
import { httpAction } from "./_generated/server";
const handler = httpAction(async () => new Response("ok"));
const http = httpRouter();
http.route({ path: "/a", method: "GET", handler });
export const routes = http;
`,
      errors: [
        { line: 4, column: 7, endLine: 4, endColumn: 26, message: "not the default export" },
      ],
    },
    {
      name: "no router and no default export",
      filename: "convex/http.ts",
      code: `import { httpAction } from "./_generated/server";
export const hook = httpAction(async () => new Response("ok"));
`,
      errors: [
        { line: 1, column: 1, endLine: 1, endColumn: 1, message: "convex/http.ts has no default export. Convex rejects the push" },
      ],
    },
    {
      name: "routes Convex rejects",
      filename: "convex/http.ts",
      code: `import { httpRouter } from "convex/server";
import { httpAction } from "./_generated/server";
const handler = httpAction(async () => new Response("ok"));
const http = httpRouter();
http.route({ path: "hook", method: "POST", handler });
http.route({ pathPrefix: "/files", method: "GET", handler });
http.route({ path: "/a", method: "POST", handler });
http.route({ path: "/a", method: "POST", handler });
http.route({ pathPrefix: "/b/", method: "GET", handler });
http.route({ pathPrefix: "/b/", method: "GET", handler });
http.route({ path: "/c", method: "HEAD", handler });
http.route({ path: "/d", method: "post", handler });
http.route({ path: "/.files/x", method: "GET", handler });
http.route({ path: "/e", pathPrefix: "/e/", method: "GET", handler } as never);
export default http;
`,
      errors: [
        { line: 5, column: 20, endLine: 5, endColumn: 26, message: "The path \"hook\" does not start with \"/\" (write \"/hook\"). The router throws when http.ts is loaded, so Convex rejects the push." },
        { line: 6, column: 26, endLine: 6, endColumn: 34, message: "does not end with \"/\"" },
        { line: 8, column: 20, endLine: 8, endColumn: 24, message: "POST /a is already routed above" },
        { line: 10, column: 26, endLine: 10, endColumn: 31, message: "GET /b/* is already routed above" },
        { line: 11, column: 34, endLine: 11, endColumn: 40, message: "answered by the GET route" },
        { line: 12, column: 34, endLine: 12, endColumn: 40, message: "write \"POST\"" },
        { line: 13, column: 20, endLine: 13, endColumn: 31, message: "reserved" },
        { line: 14, column: 38, endLine: 14, endColumn: 43, message: "A route may have `path` or `pathPrefix`, not both." },
      ],
    },
  ],
});

