import type { Rule } from "./types";

/** Convex's own limits (docs.convex.dev "Indexes" and "Limits"; convex-backend index validation). */
const MAX_NAME_LENGTH = 64;
/** Fields per index, counting the `_creationTime` Convex appends to every database index. */
const MAX_INDEX_FIELDS = 16;
const MAX_INDEXES_PER_TABLE = 32;
const MIN_DIMENSIONS = 2;
const MAX_DIMENSIONS = 4096;
const IDENTIFIER = /^[a-zA-Z][a-zA-Z0-9_]*$/;

const KIND_LABEL = { index: "index", searchIndex: "search index", vectorIndex: "vector index" } as const;

export const invalidIndex: Rule = {
  meta: {
    id: "invalid-index",
    description: "An index definition in schema.ts that Convex rejects at push time (reserved or invalid name, bad fields, too many fields or indexes).",
    category: "schema",
    defaultSeverity: "error",
    fixKind: "none",
    deploy: true,
  },
  check({ module, report }) {
    const schema = module.role === "schema" ? module.schema : undefined;
    if (!schema) return;
    for (const table of schema.tables) {
      const seen = new Map<string, (typeof table.indexes)[number]>();
      table.indexes.forEach((idx, position) => {
        const where = `${KIND_LABEL[idx.kind]} "${idx.name}" on table "${table.name}"`;
        const reject = (problem: string, limit: string) =>
          report(idx.nameSpan, `${problem} Convex rejects the push: ${limit}.`);

        // The name.
        if (idx.name === "by_id" || idx.name === "by_creation_time" || idx.name.startsWith("_")) {
          reject(
            `The name of ${where} is reserved` +
              (idx.name === "by_creation_time"
                ? ` (every table already has a built-in "by_creation_time" index; remove this definition and use the built-in one).`
                : idx.name === "by_id"
                  ? ` (load documents by id with \`ctx.db.get(id)\`).`
                  : "."),
            `index names may not start with an underscore or be "by_id" or "by_creation_time"`,
          );
        } else if (!IDENTIFIER.test(idx.name)) {
          reject(`"${idx.name}" (${KIND_LABEL[idx.kind]} on table "${table.name}") is not a valid index name.`, `index names must start with a letter and contain only letters, digits and underscores`);
        } else if (idx.name.length > MAX_NAME_LENGTH) {
          reject(`The name of ${where} is ${idx.name.length} characters long.`, `index names may be at most ${MAX_NAME_LENGTH} characters`);
        }
        const earlier = seen.get(idx.name);
        if (earlier) {
          reject(
            `Table "${table.name}" already defines ${earlier.kind === "index" ? "an index" : `a ${KIND_LABEL[earlier.kind]}`} named "${idx.name}"; rename one of them.`,
            `index names must be unique per table, across indexes, search indexes and vector indexes`,
          );
        } else seen.set(idx.name, idx);

        // The fields (database indexes).
        if (idx.kind === "index") {
          if (idx.fields.length === 0 && idx.fieldsKnown) {
            reject(`${capitalize(where)} has no fields.`, `an index must have at least one field`);
          }
          for (const field of new Set(idx.fields)) {
            if (field === "_creationTime") {
              reject(
                `${capitalize(where)} lists "_creationTime". Convex appends _creationTime to the end of every index automatically; remove it from the list.`,
                `"_creationTime" may not be listed in an index definition`,
              );
            } else if (field === "_id") {
              reject(`${capitalize(where)} lists "_id". To load a document by id, use \`ctx.db.get(id)\`.`, `"_id" is not a valid index field`);
            } else if (field.split(".").some((part) => part.startsWith("_"))) {
              reject(`${capitalize(where)} lists the reserved field "${field}".`, `fields starting with "_" are not allowed in indexes`);
            }
          }
          const duplicates = [...new Set(idx.fields.filter((f, i) => idx.fields.indexOf(f) !== i))];
          for (const field of duplicates) {
            reject(`${capitalize(where)} lists "${field}" more than once.`, `index fields must be unique within an index`);
          }
          if (idx.fields.length > MAX_INDEX_FIELDS - 1) {
            reject(
              `${capitalize(where)} lists ${idx.fields.length} fields; with the _creationTime that Convex appends that makes ${idx.fields.length + 1}.`,
              `an index may have at most ${MAX_INDEX_FIELDS} fields including the automatic _creationTime, so at most ${MAX_INDEX_FIELDS - 1} can be listed`,
            );
          }
        }

        if (idx.kind === "vectorIndex" && idx.dimensions !== undefined && (idx.dimensions < MIN_DIMENSIONS || idx.dimensions > MAX_DIMENSIONS)) {
          reject(`${capitalize(where)} has ${idx.dimensions} dimensions.`, `vector dimensions must be between ${MIN_DIMENSIONS} and ${MAX_DIMENSIONS}`);
        }

        // The table.
        if (position === MAX_INDEXES_PER_TABLE) {
          reject(
            `Table "${table.name}" defines ${table.indexes.length} indexes; this is index number ${MAX_INDEXES_PER_TABLE + 1}.`,
            `a table may have at most ${MAX_INDEXES_PER_TABLE} indexes`,
          );
        }
      });
    }
  },
};

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
