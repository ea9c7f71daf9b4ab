// Secrets found by `hardcoded-secret` never leave the engine in full: not in any rule's message
// (other rules quote table, index, route and cron names, which can be a pasted key), not in fix
// titles, not in the CLI's text, JSON or SARIF output or its --fix summary, not in what the language
// server publishes, logs or offers as code actions. Only the masked prefix (`sk_l…`) appears.
// Left as they are, by design: fix edits (a fix that moves code moves the user's own literals; the
// secret's own fix takes it out), and completion and hover, which show names of the user's schema
// where the user is typing them (a completion must insert the real name); neither is logged or
// written anywhere.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import {
  CodeActionRequest,
  type CodeAction,
  type Diagnostic,
} from "vscode-languageserver-protocol/node";
import { copyFixture, REPO_ROOT, type TempProject } from "../support/demo";
import { TestLspClient, uri } from "../lsp/client";

const CLI = join(REPO_ROOT, "dist/cli.js");

/** Credentials of each kind the rule knows, as they would be pasted. None is real. */
const SECRETS = {
  stripe: "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
  webhook: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIK",
  aws: "AKIAZ7Q3K9L2M4N8P6R1",
  github: "ghp_1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R",
  jwt: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
  password: "Zq8vK2mN5pX9rT3wY7bC4dF6",
  privateKey: "MIIEowIBAAKCAQEA7vJ9q2xY4mN8pR3tK6wZ1cV5bH0dL7fG2sQ9aE4uI8oP3nM6",
};

/** Places where a rule quotes a string: table and index names, route paths, cron names, literals. */
const LEAKY = `import { v } from "convex/values";
import { action, mutation, query } from "./_generated/server";

const apiKey = "${SECRETS.stripe}";
const password = "${SECRETS.password}";
const privateKey = "-----BEGIN RSA PRIVATE KEY-----\\n${SECRETS.privateKey}\\n-----END RSA PRIVATE KEY-----";

export const listStuff = query({
  args: {},
  handler: async (ctx) => {
    const rows = await ctx.db.query("${SECRETS.stripe}").collect();
    await ctx.db.query("tasks").withIndex("${SECRETS.aws}", (q) => q.eq("userId", "x" as any)).collect();
    await fetch("https://api.example.com/?key=${SECRETS.github}");
    return rows;
  },
});

export const saveStuff = mutation({
  args: { kind: v.literal("${SECRETS.jwt}") },
  handler: async (ctx, args) => {
    await ctx.db.insert("${SECRETS.github}", { kind: args.kind });
    await fetch("https://api.stripe.com", { headers: { Authorization: "Bearer ${SECRETS.stripe}" } });
  },
});

export const callOut = action({
  args: {},
  handler: async () => {
    await fetch("https://api.stripe.com", { headers: { Authorization: "Bearer ${SECRETS.stripe}", "X-Key": "${SECRETS.aws}" } });
    return [apiKey, password, privateKey];
  },
});
`;
const HTTP = `import { httpRouter } from "convex/server";
import { httpAction } from "./_generated/server";

const http = httpRouter();
http.route({ path: "/hooks/${SECRETS.webhook}", method: "POST", handler: httpAction(async () => new Response(JSON.stringify({}), { headers: { "content-type": "application/json" } })) });
http.route({ path: "${SECRETS.webhook}", method: "POST", handler: httpAction(async () => new Response("x")) });
export default http;
`;
const CRONS = `import { cronJobs } from "convex/server";
import { internal } from "./_generated/api";

const crons = cronJobs();
crons.hourly("${SECRETS.stripe}", { minuteUTC: 0 }, internal.jobs.nothere);
crons.daily("${SECRETS.jwt}", { hourUTC: 0, minuteUTC: 0 }, internal.jobs.finish, {});
export default crons;
`;

/** Every 8-character run of any secret that occurs in `output`: the masked form shows at most 4. */
function leaks(output: string): string[] {
  const found: string[] = [];
  for (const [name, secret] of Object.entries(SECRETS)) {
    for (let i = 0; i + 8 <= secret.length; i++) {
      const run = secret.slice(i, i + 8);
      const at = output.indexOf(run);
      if (at >= 0) {
        found.push(`${name}: "${run}" in …${output.slice(Math.max(0, at - 80), at + 40)}…`);
        break;
      }
    }
  }
  return found;
}

function project(): TempProject {
  const p = copyFixture("examples/demo");
  p.write("convex/leaky.ts", LEAKY);
  p.write("convex/http.ts", HTTP);
  p.write("convex/crons.ts", CRONS);
  const schema = p.read("convex/schema.ts");
  const withIndex = schema.replace('.index("by_user", ["userId"])', `.index("by_user", ["userId"])\n    .index("${SECRETS.aws}", ["isCompleted"])`);
  assert.notEqual(withIndex, schema);
  p.write("convex/schema.ts", withIndex);
  return p;
}

describe("secrets found by hardcoded-secret", () => {
  let demo: TempProject;
  before(() => {
    demo = project();
  });
  after(() => demo.dispose());

  test("the leak check finds a secret written out in full", () => {
    assert.equal(leaks(`a message quoting ${SECRETS.aws} in full`).length, 1);
    assert.deepEqual(leaks('Hardcoded secret "AKIA…" (an AWS access key id)'), []);
  });

  const cli = (args: string[], cwd = demo.root) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8" });

  for (const format of ["text", "json", "sarif"]) {
    test(`the CLI's ${format} output and its notes show only masked prefixes`, () => {
      const run = cli(["check", ".", "--format", format]);
      assert.equal(run.status, 1, run.stderr);
      // Every kind of secret is reported, and quoted by other rules too (masked).
      const reported = (run.stdout.match(/Hardcoded secret/g) ?? []).length;
      assert.ok(reported >= 10, `${reported} hardcoded-secret findings`);
      for (const masked of ["sk_l…", "AKIA…", "whse…", "ghp_…", "eyJh…"]) assert.ok(run.stdout.includes(masked), `${masked} in the ${format} output`);
      assert.match(run.stdout, /table \\?"sk_l…/i, "another rule quotes the masked table name");
      assert.deepEqual(leaks(run.stdout), []);
      assert.deepEqual(leaks(run.stderr), []);
      if (format === "json") {
        const titles = (JSON.parse(run.stdout) as { findings: { fixes: { title: string }[] }[] }).findings.flatMap((f) => f.fixes.map((x) => x.title));
        assert.ok(titles.some((t) => /process\.env\./.test(t)), "the JSON lists fix titles");
      }
    });
  }

  test("check --fix names the fixes it applied without a secret", () => {
    const copy = copyFixture("examples/demo");
    try {
      cpSync(demo.root, copy.root, { recursive: true });
      const run = cli(["check", ".", "--fix"], copy.root);
      assert.match(run.stderr, /applied [1-9]\d* fix/);
      assert.deepEqual(leaks(run.stderr), []);
      assert.deepEqual(leaks(run.stdout), []);
    } finally {
      copy.dispose();
    }
  });

  describe("through the language server", () => {
    let client: TestLspClient;
    const files = ["convex/leaky.ts", "convex/http.ts", "convex/crons.ts", "convex/schema.ts"];
    const actions: CodeAction[] = [];
    before(async () => {
      client = await TestLspClient.start(demo.root, {}, { env: { ...process.env } });
      for (const file of files) await client.open(demo.path(file), demo.read(file));
      await client.diagnosticsFor(demo.path("convex/leaky.ts"), "hardcoded-secret in leaky.ts", (l) => l.filter((d) => d.code === "hardcoded-secret").length >= 6);
      await client.diagnosticsFor(demo.path("convex/crons.ts"), "crons.ts findings", (l) => l.some((d) => d.code === "cron-targets"));
      for (const file of files) {
        const path = demo.path(file);
        const textDocument = { uri: uri(path) };
        const diagnostics: Diagnostic[] = client.diagnostics.get(uri(path)) ?? [];
        const ask = async (range: Diagnostic["range"], diagnostics: Diagnostic[], only?: string[]) =>
          actions.push(...((await client.connection.sendRequest(CodeActionRequest.type, { textDocument, range, context: { diagnostics, only } })) ?? []) as CodeAction[]);
        for (const d of diagnostics) {
          await ask(d.range, [d]);
          await ask(d.range, [], ["refactor"]);
        }
        await ask({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ["source.fixAll.convex"]);
      }
      // An edit that keeps the secrets, so messages are made again incrementally.
      await client.change(demo.path("convex/leaky.ts"), `${demo.read("convex/leaky.ts")}\n// edited\n`);
      await client.waitFor("the republished leaky.ts", () => client.publishedVersions.get(uri(demo.path("convex/leaky.ts")))?.at(-1) === 2);
    });
    after(async () => {
      await client.stop();
    });

    test("published diagnostics (messages, related information, every field) show only masked prefixes", () => {
      const all = JSON.stringify([...client.published]);
      assert.ok(all.includes("Hardcoded secret"));
      assert.deepEqual(leaks(all), []);
    });

    test("code action titles, their diagnostics, disabled reasons and commands show only masked prefixes", () => {
      assert.ok(actions.some((a) => /process\.env\./.test(a.title)), "the secret's own fix is offered");
      assert.ok(actions.length > 30, `${actions.length} actions`);
      // Edits carry the user's own code (a fix that moves code moves its literals); all else is checked.
      const withoutEdits = actions.map(({ edit: _edit, ...rest }) => rest);
      assert.deepEqual(leaks(JSON.stringify(withoutEdits)), []);
      // The secret's own fix takes it out of the code.
      for (const action of actions.filter((a) => /process\.env\./.test(a.title))) assert.deepEqual(leaks(JSON.stringify(action.edit)), [], action.title);
    });

    test("the server's log (output channel) and stderr show only masked prefixes", () => {
      assert.deepEqual(leaks(client.log.join("\n")), []);
      assert.deepEqual(leaks(JSON.stringify(client.notifications)), []);
    });
  });

  test("the secret's own message says how to move it to an environment variable, with a 4-character prefix", () => {
    const run = cli(["check", "convex/leaky.ts", "--format", "json"]);
    const messages = (JSON.parse(run.stdout) as { findings: { ruleId: string; message: string }[] }).findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => f.message);
    assert.ok(messages.some((m) => m.startsWith('Hardcoded secret "sk_l…" (a Stripe secret key, assigned to `apiKey`)') && m.includes("npx convex env set API_KEY")), messages.join("\n"));
    assert.ok(messages.some((m) => m.startsWith('Hardcoded secret "Zq8v…" (a random-looking credential, assigned to `password`)')), messages.join("\n"));
    assert.ok(messages.some((m) => m.startsWith('Hardcoded secret "----…" (a private key')), messages.join("\n"));
    assert.deepEqual(leaks(readFileSync(join(demo.root, "convex/leaky.ts"), "utf8")).length, Object.keys(SECRETS).length - 1, "the fixture holds every secret but the webhook's");
  });
});
