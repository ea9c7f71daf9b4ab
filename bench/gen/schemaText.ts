// Renders convex/schema.ts from the plan. Each `.index(…)` sits on its own line so the schema-edit
// benchmark can remove and restore exactly one index by deleting and re-inserting that line.
import type { ProjectPlan, TablePlan } from "./plan";

export function indexLine(name: string, fields: readonly string[]): string {
  return `    .index("${name}", [${fields.map((f) => `"${f}"`).join(", ")}])`;
}

function tableLines(table: TablePlan): string[] {
  const lines = [`  ${table.name}: defineTable({`];
  for (const field of table.fields) lines.push(`    ${field.name}: ${field.validator},`);
  lines.push("  })");
  for (const index of table.indexes) lines.push(indexLine(index.name, index.fields));
  if (table.searchIndex) {
    const s = table.searchIndex;
    lines.push(`    .searchIndex("${s.name}", {`, `      searchField: "${s.searchField}",`, `      filterFields: [${s.filterFields.map((f) => `"${f}"`).join(", ")}],`, "    })");
  }
  lines[lines.length - 1] += ",";
  return lines;
}

export function schemaText(plan: ProjectPlan): string {
  const lines = [
    "// The data model: every table, its fields and the indexes the functions read through.",
    `// Generated benchmark project (seed ${plan.seed}); edit the generator, not this file.`,
    'import { defineSchema, defineTable } from "convex/server";',
    'import { v } from "convex/values";',
    "",
    "export default defineSchema({",
  ];
  plan.tables.forEach((table, i) => {
    if (i > 0) lines.push("");
    lines.push(...tableLines(table));
  });
  lines.push("});");
  return lines.join("\n") + "\n";
}
