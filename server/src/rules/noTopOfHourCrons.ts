import type { Rule } from "./types";

/** Schedules that take `{ minuteUTC }`. */
const MINUTE_METHODS = new Set(["hourly", "daily", "weekly", "monthly"]);

/**
 * The minute field of a cron expression fires at minute 0: a bare `0` list item or a range or step
 * anchored at 0 (`0-5`, `0/30`). `*` and `*\/15` also hit minute 0, but like @convex-dev/eslint-plugin
 * we leave them alone: they fire every minute or every few minutes anyway.
 */
export function minuteFieldIncludesZero(field: string): boolean {
  return field.split(",").some((part) => /^0+(?:[-/]|$)/.test(part));
}

export const noTopOfHourCrons: Rule = {
  meta: {
    id: "no-top-of-hour-crons",
    description: "A cron job scheduled at minute 0 of the hour, when load peaks.",
    category: "application-patterns",
    defaultSeverity: "warning",
    fixKind: "none",
    eslint: true,
  },
  check({ module, report }) {
    for (const job of module.cronJobs) {
      if (!job.scheduleSpan) continue;
      const label = job.name !== undefined ? `Cron job "${job.name}"` : "This cron job";
      if (MINUTE_METHODS.has(job.method) && job.scheduleFields?.minuteUTC === 0) {
        report(
          job.scheduleSpan,
          `${label} runs at the top of the hour (\`minuteUTC: 0\`), the busiest minute: apps see the most traffic and ` +
            `scheduled work at :00. Omit \`minuteUTC\` to let Convex pick a minute and spread the runs, or set a specific ` +
            `off-peak minute. If it must run at :00, disable the rule for this line.`,
        );
      } else if (job.method === "cron" && job.cronExpression !== undefined) {
        const fields = job.cronExpression.trim().split(/\s+/);
        if (fields.length !== 5 || !minuteFieldIncludesZero(fields[0])) continue;
        report(
          job.scheduleSpan,
          `${label} runs at minute 0 ("${job.cronExpression.trim()}"), the busiest minute of the hour: apps see the most ` +
            `traffic and scheduled work at :00. Use \`crons.hourly\`/\`crons.daily\` without \`minuteUTC\` so Convex spreads ` +
            `the runs, \`crons.interval\` if the job need not align to the clock, or a specific off-peak minute.`,
        );
      }
    }
  },
};
