// "Add index…" from the Schema view: the same schema edit the quick fixes use, named `by_a_and_b`.
import type { ConvexProject } from "../project/project";
import type { FileEdit } from "../rules/types";
import { addIndex, freeIndexName } from "../fixes/schemaEdits";

export interface AddIndexPlan {
  name: string;
  edit?: FileEdit;
  error?: string;
}

export function planAddIndex(project: ConvexProject, tableName: string, fields: readonly string[], name?: string): AddIndexPlan {
  const table = project.schema?.tables.find((t) => t.name === tableName);
  const wanted = name?.trim() || `by_${fields.join("_and_")}`;
  if (!table) return { name: wanted, error: `The schema has no table "${tableName}".` };
  if (fields.length === 0) return { name: wanted, error: "Pick at least one field." };
  const unique = name?.trim() ? wanted : freeIndexName(table, wanted);
  if (table.indexes.some((i) => i.name === unique)) return { name: unique, error: `Table "${tableName}" already has an index named "${unique}".` };
  const edit = addIndex(project, tableName, unique, fields);
  if (!edit) {
    const why = !project.schema?.complete ? project.schema?.incompleteReason ?? "the schema could not be read completely" : "its definition is not a plain defineTable(…) chain";
    return { name: unique, error: `Cannot add an index to "${tableName}": ${why}.` };
  }
  return { name: unique, edit };
}
