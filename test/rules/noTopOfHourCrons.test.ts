import { noTopOfHourCrons } from "../../server/src/rules/noTopOfHourCrons";
import { ruleTests } from "../support/ruleTester";


ruleTests(noTopOfHourCrons, {
  valid: [
    {
      name: "off-peak minutes and intervals",
      filename: "convex/crons.ts",
      code: `import { cronJobs } from "convex/server";
import { internal } from "./_generated/api";
const crons = cronJobs();
crons.hourly("sync", { minuteUTC: 17 }, internal.jobs.sync);
crons.daily("digest", { hourUTC: 0, minuteUTC: 15 }, internal.jobs.digest);
crons.weekly("report", { dayOfWeek: "monday", hourUTC: 8, minuteUTC: 5 }, internal.jobs.report);
crons.monthly("bill", { day: 1, hourUTC: 0, minuteUTC: 42 }, internal.jobs.bill);
crons.interval("sweep", { minutes: 60 }, internal.jobs.sweep);
crons.interval("tick", { seconds: 0, minutes: 5 } as never, internal.jobs.sweep);
export default crons;
`,
    },
    {
      name: "no minute: Convex picks one",
      filename: "convex/crons.ts",
      code: `import { cronJobs } from "convex/server";
import { internal } from "./_generated/api";
const crons = cronJobs();
crons.hourly("sync", {}, internal.jobs.sync);
crons.daily("digest", { hourUTC: 9 }, internal.jobs.digest);
export default crons;
`,
    },
    {
      name: "cron expressions that do not pin minute 0",
      filename: "convex/crons.ts",
      code: `import { cronJobs } from "convex/server";
import { internal } from "./_generated/api";
const crons = cronJobs();
crons.cron("every 15", "*/15 * * * *", internal.jobs.sync);
crons.cron("midnight-ish", "30 0 * * *", internal.jobs.sync);
crons.cron("list", "5,35 * * * *", internal.jobs.sync);
crons.cron("range", "10-20 0 * * 0", internal.jobs.sync);
crons.cron("not five fields", "0 * * *", internal.jobs.sync);
export default crons;
`,
    },
    {
      name: "a schedule from a variable",
      filename: "convex/crons.ts",
      code: `import { cronJobs } from "convex/server";
import { internal } from "./_generated/api";
const crons = cronJobs();
const at = { minuteUTC: 0 };
crons.hourly("sync", at, internal.jobs.sync);
export default crons;
`,
    },
  ],
  invalid: [
    {
      name: "minuteUTC: 0",
      filename: "convex/crons.ts",
      code: `import { cronJobs } from "convex/server";
import { internal } from "./_generated/api";
const crons = cronJobs();
crons.hourly("sync", { minuteUTC: 0 }, internal.jobs.sync);
crons.daily("digest", { hourUTC: 9, minuteUTC: 0 }, internal.jobs.digest);
crons.weekly("report", { dayOfWeek: "monday", hourUTC: 8, minuteUTC: 0 }, internal.jobs.report);
crons.monthly("bill", { day: 1, hourUTC: 16, minuteUTC: 0 }, internal.jobs.bill);
export default crons;
`,
      errors: [
        { line: 4, column: 22, endLine: 4, endColumn: 38, message: "Cron job \"sync\" runs at the top of the hour (`minuteUTC: 0`)" },
        { line: 5, column: 23, endLine: 5, endColumn: 51, message: "Cron job \"digest\"" },
        { line: 6, column: 24, endLine: 6, endColumn: 73, message: "Cron job \"report\"" },
        { line: 7, column: 23, endLine: 7, endColumn: 60, message: "Cron job \"bill\"" },
      ],
    },
    {
      name: "cron expressions at minute 0",
      filename: "convex/crons.ts",
      code: `import { cronJobs } from "convex/server";
import { internal } from "./_generated/api";
const crons = cronJobs();
crons.cron("hourly", "0 * * * *", internal.jobs.sync);
crons.cron("twice", "0,30 9 * * 1", internal.jobs.sync);
crons.cron("step", "0/20 * * * *", internal.jobs.sync);
crons.cron("padded", "00 12 * * *", internal.jobs.sync);
crons.cron("range", "0-5 * * * *", internal.jobs.sync);
export default crons;
`,
      errors: [
        { line: 4, column: 22, endLine: 4, endColumn: 33, message: "Cron job \"hourly\" runs at minute 0 (\"0 * * * *\")" },
        { line: 5, column: 21, endLine: 5, endColumn: 35 },
        { line: 6, column: 20, endLine: 6, endColumn: 34 },
        { line: 7, column: 22, endLine: 7, endColumn: 35 },
        { line: 8, column: 21, endLine: 8, endColumn: 34 },
      ],
    },
  ],
});

