// Wording shared by the index rules.

/** `["a", "b"]` for messages. */
export function fieldList(fields: readonly string[]): string {
  return `[${fields.map((f) => `"${f}"`).join(", ")}]`;
}
