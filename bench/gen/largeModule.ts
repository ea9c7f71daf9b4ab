// Renders convex/big/large.ts: exactly LARGE_MODULE_LINES lines of ordinary functions over several
// tables. The edit benchmark types into it, so it carries the edit anchor (in the first table's
// `list…ByOwner` query) and one finding from the start (a `Date.now()` in a query), which makes the
// server publish its diagnostics at cold start.
import { LARGE_MODULE_REF, type ProjectPlan, type TablePlan, type Template } from "./plan";
import { ModuleWriter, type RenderedModule } from "./moduleText";
import { Random } from "./random";

export const LARGE_MODULE_LINES = 2000;

const TABLE_TEMPLATES: Template[] = [
  "listByOwner", "get", "getSummary", "listByParent", "search", "create", "updateTitle", "setStatus", "remove", "listByStatus", "cleanup", "count",
];
const REQUIRES: Partial<Record<Template, Template[]>> = { create: ["getForProcessing", "recordResult", "process"] };

interface Unit {
  table: TablePlan;
  templates: Template[];
  anchor: boolean;
}

function units(tables: readonly TablePlan[]): Unit[] {
  const out: Unit[] = [];
  tables.forEach((table, i) => {
    if (i === 0) out.push({ table, templates: ["listRecent"], anchor: false });
    for (const template of TABLE_TEMPLATES) {
      if (template === "listByParent" && !table.parent) continue;
      if (template === "search" && !table.searchIndex) continue;
      out.push({ table, templates: [template, ...(REQUIRES[template] ?? [])], anchor: i === 0 && template === "listByOwner" });
    }
  });
  return out;
}

function render(plan: ProjectPlan, chosen: readonly Unit[]): RenderedModule & { lines: number } {
  const header = [
    "// The dashboard's kitchen-sink module: it grew with the product and is due for a split.",
    "// (Benchmark project: the 2,000-line module that the edit benchmark types into.)",
  ];
  const writer = new ModuleWriter(LARGE_MODULE_REF, new Random(plan.seed * 7919 + 17), header);
  for (const unit of chosen) {
    for (const template of unit.templates) writer.add(template, unit.table, { anchor: unit.anchor });
  }
  const text = writer.text();
  return { text, publicFunctions: writer.publicFunctions, lines: text.split("\n").length - 1 };
}

export function renderLargeModule(plan: ProjectPlan): RenderedModule {
  const all = units(plan.largeTables);
  // Each extra unit only appends, so the longest prefix that fits (with room for the closing notes) wins.
  let best = render(plan, all.slice(0, 1));
  for (let k = 2; k <= all.length; k++) {
    const next = render(plan, all.slice(0, k));
    if (next.lines > LARGE_MODULE_LINES - 3) break;
    best = next;
  }
  if (best.lines > LARGE_MODULE_LINES - 3) throw new Error(`the large module's first unit alone has ${best.lines} lines`);
  const notes = ["", "// Maintenance notes (kept at the end of the file; the module is split table by table when it is touched):"];
  let n = 0;
  while (best.lines + notes.length < LARGE_MODULE_LINES) {
    const table = plan.largeTables[n % plan.largeTables.length];
    notes.push(`// - ${table.name}: review the indexes in schema.ts before adding queries (note ${++n}).`);
  }
  return { text: best.text + notes.slice(0, LARGE_MODULE_LINES - best.lines).join("\n") + "\n", publicFunctions: best.publicFunctions };
}
