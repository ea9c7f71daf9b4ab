// The Schema view's data: every table of a project's schema with its fields and indexes, read from
// the project model (no parsing here).
import type { ConvexProject } from "../project/project";
import type { SchemaTreeProject } from "../lsp/protocol";
import { fileUri, locationOf, viewProject, type FolderInfo } from "./location";

export function schemaTreeOf(project: ConvexProject, folder?: FolderInfo): SchemaTreeProject {
  const module = project.schemaModule;
  const schema = module?.schema;
  return {
    ...viewProject(project, folder),
    schemaUri: module ? fileUri(module.path) : undefined,
    complete: schema?.complete ?? false,
    incompleteReason: schema ? schema.incompleteReason : "no schema.ts in the functions folder",
    tables: !module || !schema ? [] : schema.tables.map((table) => ({
      name: table.name,
      location: locationOf(module, table.nameSpan),
      fieldsKnown: table.fieldsKnown,
      indexesKnown: table.indexesKnown,
      fields: table.fields.map((field) => ({
        name: field.name,
        validator: field.validator,
        type: validatorType(field.validator),
        optional: field.optional,
        location: locationOf(module, field.span),
      })),
      indexes: table.indexes.map((index) => ({
        name: index.name,
        kind: index.kind,
        fields: index.fields,
        fieldsKnown: index.fieldsKnown,
        dimensions: index.dimensions,
        location: locationOf(module, index.nameSpan),
      })),
    })),
  };
}

const MAX_TYPE_LENGTH = 48;

/**
 * A validator's source text shortened for a tree item's description: `v.` prefixes and an outer
 * `v.optional(…)` dropped, `v.id("users")` as `id<users>`, a union of literals as `"a" | "b"`.
 */
export function validatorType(validator: string): string {
  let text = validator.replace(/\s+/g, " ").trim();
  const optional = /^v\.optional\((.*)\)$/.exec(text);
  if (optional) text = optional[1].trim();
  text = text
    .replace(/\bv\.id\(\s*(["'`])([^"'`]*)\1\s*\)/g, "id<$2>")
    .replace(/\bv\.literal\(\s*((["'`])[^"'`]*\2|[^()]*)\s*\)/g, "$1")
    .replace(/\bv\.(\w+)\(\s*\)/g, "$1")
    .replace(/\bv\./g, "");
  const union = /^union\((.*)\)$/.exec(text);
  if (union) text = union[1].split(/\s*,\s*/).join(" | ");
  return text.length > MAX_TYPE_LENGTH ? `${text.slice(0, MAX_TYPE_LENGTH - 1)}…` : text;
}
