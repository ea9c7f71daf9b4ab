import assert from "node:assert/strict";
import { test } from "node:test";
import { hardcodedSecret } from "../../server/src/rules/hardcodedSecret";
import { findingsFor, HEADER, ruleTests } from "../support/ruleTester";


ruleTests(hardcodedSecret, {
  valid: [
    {
      name: "environment variables",
      code: HEADER + `const stripeKey = process.env.STRIPE_SECRET_KEY!;
const secretEnv = "STRIPE_SECRET_KEY";
export const pay = action({ args: {}, handler: async () => { await fetch("https://api.stripe.com/v1/charges", { headers: { Authorization: "Bearer " + stripeKey } }); } });
`,
    },
    {
      name: "URLs, UUIDs, module paths and sentences under secret-sounding names",
      code: HEADER + `const authUrl = "https://auth.example.com/oauth2/v1/authorize";
const apiKey = "123e4567-e89b-12d3-a456-426614174000";
const authModule = "../lib/auth/providers/github2024";
const passwordHelp = "Your password must be at least 12 characters long";
const tokenType = "urn:ietf:params:oauth:token-type:jwt";
`,
    },
    {
      name: "names that are about a secret, not the secret",
      code: HEADER + `export const seed = internalMutation({ args: {}, handler: async (ctx) => {
  await ctx.db.insert("users", { name: "Ada", tokenIdentifier: "user_2NiR8kQ3xW7vL1mZ9pT4cY6bJ0s" });
} });
const passwordHash = "$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy";
const SECRET_VERSION = "precompiled-2026-09-15-4e9b83a";
`,
    },
    {
      name: "high-entropy data without a secret-sounding name",
      code: HEADER + `const pixel = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
const sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b";
`,
    },
    {
      name: "placeholders and identifiers",
      code: HEADER + `const stripeKey = "sk_test_XXXXXXXXXXXXXXXXXXXXXXXX";
const awsKey = "AKIAIOSFODNN7EXAMPLE";
const openaiKey = "sk-your-openai-key-goes-here";
const skill = "sk-learning-module-for-kids";
const AUTH_FLOW_STATE = "FlowPasswordResetRequiredV2";
`,
    },
    {
      name: "test modules are not function modules",
      files: { "convex/payments.test.ts": `const apiKey = "q8Zr3TmX1vLw9KpB4nYc7HdF2sJg";
const key = "sk_live_51Hq8ZkLm3Np7Qr2St9Uv4Wx";
` },
      code: HEADER + `export const ok = query({ args: {}, handler: async () => 1 });
`,
    },
  ],
  invalid: [
    {
      name: "provider key shapes",
      code: HEADER + `const stripe = "sk_live_51Hq8ZkLm3Np7Qr2St9Uv4Wx";
const aws = { accessKeyId: "AKIAZ7Q2MB4XK9TR3LWN" };
const gh = "ghp_1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuVwXyZ";
const slack = "xoxb-2048736190-4096183725-Zq8Rt3Yp6Wm1";
const maps = "AIzaSyB3k9Qw7Er2Ty5Ui8Op1As4Df6Gh0Jk3Lm";
const session = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9.Kx7Qm2Vr9Tz4Wp1Ls8Nd5Fb3Hj6Yc0Ga";
const openai = "sk-proj-7fK2mQ9xR4tV8wZ1bN5cL3hJ6pD0sG";
const pem = "-----BEGIN RSA PRIVATE KEY-----\\nMIIEowIBAAKCAQEA7q3\\n-----END RSA PRIVATE KEY-----";
`,
      errors: [
        { line: 3, column: 16, endLine: 3, endColumn: 50, message: "Hardcoded secret \"sk_l…\" (a Stripe secret key", fixes: ["Read it from `process.env.STRIPE_SECRET_KEY`"] },
        { line: 4, column: 28, endLine: 4, endColumn: 50, message: "an AWS access key id", fixes: ["Read it from `process.env.AWS_ACCESS_KEY_ID`"] },
        { line: 5, column: 12, endLine: 5, endColumn: 54, message: "a GitHub token" },
        { line: 6, column: 15, endLine: 6, endColumn: 56, message: "a Slack token" },
        { line: 7, column: 14, endLine: 7, endColumn: 55, message: "a Google API key" },
        { line: 8, column: 17, endLine: 8, endColumn: 93, message: "a JSON Web Token" },
        { line: 9, column: 16, endLine: 9, endColumn: 56, message: "process.env.OPENAI_API_KEY" },
        { line: 10, column: 13, endLine: 10, endColumn: 98, message: "\"----…\" (a private key", fixes: ["Read it from `process.env.PRIVATE_KEY`"] },
      ],
    },
    {
      name: "random strings assigned to secret-sounding names",
      code: HEADER + `const webhookSecret = "q8Zr3TmX1vLw9KpB4nYc7HdF2sJg";
export const call = action({ args: {}, handler: async () => {
  await fetch("https://api.example.org/items", { headers: { "x-api-key": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b" } });
} });
`,
      errors: [
        { line: 3, column: 23, endLine: 3, endColumn: 53, message: "process.env.WEBHOOK_SECRET` and set it with `npx convex env set WEBHOOK_SECRET …`", fixes: ["Read it from `process.env.WEBHOOK_SECRET`"] },
        { line: 5, column: 74, endLine: 5, endColumn: 116, message: "assigned to `x-api-key`", fixes: ["Read it from `process.env.X_API_KEY`"] },
      ],
    },
    {
      name: "inside a header value, in any module",
      filename: "convex/lib/stripe.ts",
      code: HEADER + `export const charge = action({ args: {}, handler: async () => {
  await fetch("https://api.stripe.com/v1/charges", { headers: { Authorization: \`Bearer sk_live_51Hq8ZkLm3Np7Qr2St9Uv4Wx\` } });
} });
`,
      errors: [
        { line: 4, column: 80, endLine: 4, endColumn: 121, message: "process.env.STRIPE_SECRET_KEY", fixes: ["Read it from `process.env.STRIPE_SECRET_KEY`"] },
      ],
    },
    {
      name: "in schema.ts",
      filename: "convex/schema.ts",
      code: `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
const adminToken = "q8Zr3TmX1vLw9KpB4nYc7HdF2sJg";
export default defineSchema({ tasks: defineTable({ text: v.string() }) });
`,
      errors: [
        { line: 3, column: 20, endLine: 3, endColumn: 50, message: "ADMIN_TOKEN", fixes: ["Read it from `process.env.ADMIN_TOKEN`"] },
      ],
    },
    {
      name: "a Bearer token keeps its scheme, and a secret used as a property name gets no fix",
      code: HEADER + `const headers = { Authorization: "Bearer sk_live_51Hq8ZkLm3Np7Qr2St9Uv4Wx" };
const byKey = { "sk_live_51Hq8ZkLm3Np7Qr2St9Uv4Wx": 1 };
`,
      errors: [
        { line: 3, column: 34, fixes: ["Read it from `process.env.STRIPE_SECRET_KEY`"] },
        { line: 4, column: 17, fixes: [] },
      ],
    },
  ],
});

test("no finding message contains the secret, only its first four characters", () => {
  const secrets = ["sk_live_51Hq8ZkLm3Np7Qr2St9Uv4Wx", "AKIAZ7Q2MB4XK9TR3LWN", "ghp_1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuVwXyZ", "xoxb-2048736190-4096183725-Zq8Rt3Yp6Wm1", "AIzaSyB3k9Qw7Er2Ty5Ui8Op1As4Df6Gh0Jk3Lm", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9.Kx7Qm2Vr9Tz4Wp1Ls8Nd5Fb3Hj6Yc0Ga", "sk-proj-7fK2mQ9xR4tV8wZ1bN5cL3hJ6pD0sG", "MIIEowIBAAKCAQEA7q3", "q8Zr3TmX1vLw9KpB4nYc7HdF2sJg", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b"];
  const found = findingsFor(hardcodedSecret, { code: HEADER + `const stripe = "sk_live_51Hq8ZkLm3Np7Qr2St9Uv4Wx";
const aws = { accessKeyId: "AKIAZ7Q2MB4XK9TR3LWN" };
const gh = "ghp_1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuVwXyZ";
const slack = "xoxb-2048736190-4096183725-Zq8Rt3Yp6Wm1";
const maps = "AIzaSyB3k9Qw7Er2Ty5Ui8Op1As4Df6Gh0Jk3Lm";
const session = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9.Kx7Qm2Vr9Tz4Wp1Ls8Nd5Fb3Hj6Yc0Ga";
const openai = "sk-proj-7fK2mQ9xR4tV8wZ1bN5cL3hJ6pD0sG";
const pem = "-----BEGIN RSA PRIVATE KEY-----\\nMIIEowIBAAKCAQEA7q3\\n-----END RSA PRIVATE KEY-----";
const apiSecret = "q8Zr3TmX1vLw9KpB4nYc7HdF2sJg";
const headers = { "x-api-key": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b" };
` });
  assert.equal(found.length, secrets.length);
  for (const f of found) {
    for (const secret of secrets) {
      // No run of 5 or more characters of any secret (the first four are shown on purpose; for the
      // private key, its body: the BEGIN line names the key type, which the message may repeat).
      for (let i = 0; i + 5 <= secret.length; i++) assert.ok(!f.message.includes(secret.slice(i, i + 5)), `message leaks part of a secret: ${f.message}`);
    }
    assert.match(f.message, /Hardcoded secret ".{1,4}…"/u);
    assert.ok(!JSON.stringify(f).includes(secrets[0]));
    for (const fix of f.fixes()) {
      for (const secret of secrets) assert.ok(!fix.title.includes(secret.slice(4, 9)), `fix title leaks part of a secret: ${fix.title}`);
    }
  }
});

