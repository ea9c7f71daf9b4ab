import type { LongString, ModuleFacts } from "../project/types";
import { secretToEnv } from "../fixes/rewrites";
import type { Rule } from "./types";

interface Provider {
  label: string;
  /** The environment variable the message suggests when the string has no name of its own. */
  env: string;
  pattern: RegExp;
}

/** Credentials recognisable by their shape alone. Each pattern must match a real-length key, not its prefix. */
const PROVIDERS: Provider[] = [
  { label: "a Stripe secret key", env: "STRIPE_SECRET_KEY", pattern: /(?<![A-Za-z0-9])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}/ },
  { label: "a Stripe webhook signing secret", env: "STRIPE_WEBHOOK_SECRET", pattern: /(?<![A-Za-z0-9])whsec_[A-Za-z0-9+/=]{24,}/ },
  { label: "an AWS access key id", env: "AWS_ACCESS_KEY_ID", pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Za-z0-9])/ },
  { label: "a GitHub token", env: "GITHUB_TOKEN", pattern: /(?<![A-Za-z0-9])(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})/ },
  { label: "a Slack token", env: "SLACK_TOKEN", pattern: /(?<![A-Za-z0-9])xox[bpoas]-[A-Za-z0-9-]{10,}/ },
  { label: "a Google API key", env: "GOOGLE_API_KEY", pattern: /(?<![A-Za-z0-9])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/ },
  { label: "a private key", env: "PRIVATE_KEY", pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----/ },
  { label: "a Convex deploy key", env: "CONVEX_DEPLOY_KEY", pattern: /(?<![A-Za-z0-9])(?:prod|dev|preview):[a-z0-9-]+\|eyJ[A-Za-z0-9+/=_-]{20,}/ },
  { label: "a JSON Web Token", env: "JWT", pattern: /(?<![A-Za-z0-9])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{10,}/ },
  // OpenAI / Anthropic style. The tail must mix letters and digits so kebab-case names (`sk-learn-…`) pass.
  { label: "an API secret key", env: "OPENAI_API_KEY", pattern: /(?<![A-Za-z0-9_-])sk-(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z][A-Za-z0-9_-]*)[A-Za-z0-9_-]{20,}/ },
];

/** Names that say the value is a credential. `auth` but not `author`. */
const SECRET_NAME = /(api[_-]?key|secret|token|password|passwd|private[_-]?key|auth(?!or))/i;
/** …unless the name's last word says it is only about one (`tokenIdentifier`, `secretName`, `passwordHash`, `AUTH_VERSION`). */
const NOT_THE_SECRET_WORDS = new Set([
  "id", "ids", "identifier", "name", "names", "url", "uri", "type", "field", "header", "prefix", "hash", "length",
  "count", "env", "var", "path", "endpoint", "version", "label", "format", "pattern", "regex", "kind", "domain",
]);

/** `tokenIdentifier` → ["token", "identifier"], `AUTH_VERSION` → ["auth", "version"]. */
function words(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").split(/[^A-Za-z0-9]+/).filter((w) => w !== "").map((w) => w.toLowerCase());
}

function namesASecret(name: string): boolean {
  const w = words(name);
  return SECRET_NAME.test(name) && w.length > 0 && !NOT_THE_SECRET_WORDS.has(w[w.length - 1]);
}

/** Documentation stand-ins: `sk_test_XXXXXXXX`, `AKIAIOSFODNN7EXAMPLE`, `sk-your-key-here`. */
const PLACEHOLDER = /x{6,}|\.\.\.|…|<[^>]*>|\*{4,}|0{12,}|example|your[_-]|placeholder|replace[_-]?me|changeme|dummy|redacted/i;

const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PATH_LIKE = /^(?:\.{1,2}\/|\/|@[a-z0-9-]+\/|[a-z]+:)/i;

export function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let entropy = 0;
  const length = [...text].length;
  for (const n of counts.values()) {
    const p = n / length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/** A random-looking token: long, one word, letters and digits mixed, and high entropy. */
function looksRandom(text: string): boolean {
  if (text.length < 24 || /\s/.test(text)) return false;
  if (URL_LIKE.test(text) || UUID.test(text) || PATH_LIKE.test(text)) return false;
  if (!/\d/.test(text) || !/[A-Za-z]/.test(text)) return false;
  // All-caps words (`STRIPE_SECRET_KEY_2`) are environment variable names, not values.
  if (/^[A-Z0-9_]+$/.test(text) && !/\d{3,}/.test(text)) return false;
  // Mostly words (`FlowPasswordRequiredV2`, `precompiled-2026-09-15`): an identifier or a version, not a key.
  const wordy = (text.match(/[A-Z]?[a-z]{3,}/g) ?? []).join("").length;
  if (wordy / text.length >= 0.5) return false;
  return shannonEntropy(text) >= 3.5;
}

/** What the string is, or undefined when it does not look like a credential. */
export function classifySecret(s: LongString): Provider | { label: string; env?: undefined } | undefined {
  if (PLACEHOLDER.test(s.text)) return undefined;
  for (const provider of PROVIDERS) {
    const match = provider.pattern.exec(s.text);
    if (match && !PLACEHOLDER.test(match[0])) return provider;
  }
  if (s.name !== undefined && namesASecret(s.name) && looksRandom(s.text)) {
    return { label: "a random-looking credential" };
  }
  return undefined;
}

/** `apiKey` → `API_KEY`, `stripe_secret` → `STRIPE_SECRET`. */
function envName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toUpperCase();
}

/** At most the first four characters: enough to recognise the key, never enough to use it. */
export function redact(text: string): string {
  return `${[...text].slice(0, 4).join("")}…`;
}

/**
 * The texts of a module that must never be shown: each string literal that looks like a credential,
 * and the credential inside it. Longest first, so a string is masked before the key it contains.
 */
export function secretsIn(module: ModuleFacts): readonly string[] {
  let found = secretsCache.get(module);
  if (!found) {
    const texts = new Set<string>();
    for (const s of module.longStrings) {
      const kind = classifySecret(s);
      if (!kind) continue;
      texts.add(s.text);
      const match = "pattern" in kind ? kind.pattern.exec(s.text) : null;
      if (match) texts.add(match[0]);
    }
    found = [...texts].sort((a, b) => b.length - a.length);
    secretsCache.set(module, found);
  }
  return found;
}

const secretsCache = new WeakMap<ModuleFacts, readonly string[]>();

/**
 * `text` with every secret of `secrets` replaced by its masked prefix. The engine runs every message
 * and fix title through this, so another rule that quotes a string (a table, an index, a route path,
 * a cron name) cannot show a credential that hardcoded-secret reports.
 */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  for (const secret of secrets) if (text.includes(secret)) text = text.split(secret).join(redact(secret));
  return text;
}

export const hardcodedSecret: Rule = {
  meta: {
    id: "hardcoded-secret",
    description: "A string literal that looks like a credential (a provider key, a private key, a JWT, or a random token assigned to a secret-sounding name).",
    category: "application-patterns",
    defaultSeverity: "error",
    fixKind: "suggestion",
  },
  check({ module, report }) {
    for (const s of module.longStrings) {
      const kind = classifySecret(s);
      if (!kind) continue;
      // Name the variable after what the code calls the value when that name says "secret";
      // otherwise (`headers.Authorization`, `config.value`) after the provider.
      const named = s.name !== undefined && namesASecret(s.name) && !/^authori[sz]ation$/i.test(s.name) ? envName(s.name) : "";
      const env = /^[A-Z]/.test(named) ? named : (kind.env ?? "SECRET");
      report(
        s.span,
        `Hardcoded secret "${redact(s.text)}" (${kind.label}${s.name !== undefined ? `, assigned to \`${s.name}\`` : ""}). ` +
          `Source code is shared through git and bundled into every deployment, so anyone who can read it can use the ` +
          `credential. Move it to an environment variable: read it with \`process.env.${env}\` and set it with ` +
          `\`npx convex env set ${env} …\` (or in the dashboard's Environment Variables), then rotate the exposed value.`,
        {
          fixes: () => {
            const match = "pattern" in kind ? kind.pattern.exec(s.text) : null;
            return secretToEnv(module, s.span, env, match ? { index: match.index, length: match[0].length } : undefined);
          },
        },
      );
    }
  },
};
