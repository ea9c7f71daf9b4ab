// Command-line parsing for `convex-guidelines`. Pure: returns what to do or a usage error.

export type OutputFormat = "text" | "json" | "sarif";

export type Command =
  | { kind: "check"; paths: string[]; format: OutputFormat; fix: boolean }
  | { kind: "help" }
  | { kind: "version" };

export class UsageError extends Error {}

export const USAGE = `Usage: convex-guidelines check [paths...] [--format text|json|sarif] [--fix]

Checks the Convex functions folders under each path (default: the current directory)
against the Convex guidelines.

Options:
  --format <f>   text (default), json or sarif
  --fix          apply every safe fix (never a suggestion) to the files, repeated until
                 nothing changes (at most 10 rounds), then report what is left
  -h, --help     show this help
  -v, --version  show the version

Exit codes: 0 no error-severity findings, 1 at least one, 2 bad usage.`;

const FORMATS = new Set<OutputFormat>(["text", "json", "sarif"]);

export function parseArgs(argv: string[]): Command {
  if (argv.includes("-h") || argv.includes("--help")) return { kind: "help" };
  if (argv.includes("-v") || argv.includes("--version")) return { kind: "version" };
  const [command, ...rest] = argv;
  if (command === undefined) throw new UsageError("missing command: try `convex-guidelines check`");
  if (command !== "check") throw new UsageError(`unknown command "${command}": the only command is \`check\``);
  const paths: string[] = [];
  let format: OutputFormat = "text";
  let fix = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === "--format" || arg.startsWith("--format=")) {
      const value = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : rest[++i];
      if (value === undefined || !FORMATS.has(value as OutputFormat)) {
        throw new UsageError(`--format takes text, json or sarif${value === undefined ? "" : `, not "${value}"`}`);
      }
      format = value as OutputFormat;
    } else if (arg === "--fix") {
      fix = true;
    } else if (arg.startsWith("-") && arg !== "-") {
      throw new UsageError(`unknown option "${arg}"`);
    } else {
      paths.push(arg);
    }
  }
  return { kind: "check", paths: paths.length > 0 ? paths : ["."], format, fix };
}
