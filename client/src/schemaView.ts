// The Schema view: tables → fields and indexes, as the server's project model has them.
import * as vscode from "vscode";
import type { SchemaTreeField, SchemaTreeIndex, SchemaTreeProject, SchemaTreeResult, SchemaTreeTable } from "../../server/src/lsp/protocol";
import { REVEAL_COMMAND, revealArgs } from "./panelShared";

export type SchemaNode =
  | { type: "project"; project: SchemaTreeProject }
  | { type: "table"; project: SchemaTreeProject; table: SchemaTreeTable }
  | { type: "field"; project: SchemaTreeProject; table: SchemaTreeTable; field: SchemaTreeField }
  | { type: "index"; project: SchemaTreeProject; table: SchemaTreeTable; index: SchemaTreeIndex }
  | { type: "message"; id: string; text: string; tooltip?: string };

const INDEX_ICONS: Record<SchemaTreeIndex["kind"], string> = { index: "list-ordered", searchIndex: "search", vectorIndex: "symbol-array" };
const INDEX_LABELS: Record<SchemaTreeIndex["kind"], string> = { index: "index", searchIndex: "search index", vectorIndex: "vector index" };
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : word.endsWith("x") ? "es" : "s"}`;

export class SchemaTreeProvider implements vscode.TreeDataProvider<SchemaNode> {
  private readonly changed = new vscode.EventEmitter<SchemaNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private data: Promise<SchemaTreeResult | undefined> | undefined;

  constructor(private readonly fetch: () => Promise<SchemaTreeResult | undefined>, private readonly onLoaded: (result: SchemaTreeResult) => void) {}

  refresh(): void {
    this.data = undefined;
    this.changed.fire(undefined);
  }

  /** The latest tree (fetched if needed), for commands that need a table's fields. */
  async current(): Promise<SchemaTreeResult | undefined> {
    this.data ??= this.fetch().then((result) => {
      if (result) this.onLoaded(result);
      return result;
    });
    return this.data;
  }

  async getChildren(node?: SchemaNode): Promise<SchemaNode[]> {
    if (!node) {
      const result = await this.current();
      if (!result || result.projects.length === 0) return [];
      if (result.projects.length > 1) return result.projects.map((project) => ({ type: "project", project }));
      return projectChildren(result.projects[0]);
    }
    if (node.type === "project") return projectChildren(node.project);
    if (node.type === "table") {
      const { project, table } = node;
      return [
        ...table.fields.map((field): SchemaNode => ({ type: "field", project, table, field })),
        ...(table.fieldsKnown ? [] : [{ type: "message" as const, id: `${project.id}#${table.name}#fields?`, text: "more fields (not readable statically)" }]),
        ...table.indexes.map((index): SchemaNode => ({ type: "index", project, table, index })),
      ];
    }
    return [];
  }

  getTreeItem(node: SchemaNode): vscode.TreeItem {
    switch (node.type) {
      case "project": {
        const item = new vscode.TreeItem(node.project.workspaceFolder, vscode.TreeItemCollapsibleState.Expanded);
        item.id = node.project.id;
        item.description = `${node.project.functionsDir} · ${plural(node.project.tables.length, "table")}`;
        item.iconPath = new vscode.ThemeIcon("root-folder");
        item.contextValue = "convex.project";
        return item;
      }
      case "table": {
        const { table } = node;
        const empty = table.fields.length === 0 && table.indexes.length === 0 && table.fieldsKnown;
        const item = new vscode.TreeItem(table.name, empty ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `${node.project.id}#${table.name}`;
        item.description = `${plural(table.fields.length, "field")} · ${plural(table.indexes.length, "index")}`;
        item.iconPath = new vscode.ThemeIcon("table");
        item.contextValue = "convex.table";
        item.tooltip = new vscode.MarkdownString(`**${table.name}**\n\n${item.description}`);
        item.command = { title: "Reveal", command: REVEAL_COMMAND, arguments: revealArgs(table.location) };
        return item;
      }
      case "field": {
        const { field } = node;
        const item = new vscode.TreeItem(field.optional ? `${field.name}?` : field.name, vscode.TreeItemCollapsibleState.None);
        item.id = `${node.project.id}#${node.table.name}#field#${field.name}`;
        item.description = field.optional ? `${field.type} (optional)` : field.type;
        item.iconPath = new vscode.ThemeIcon("symbol-field");
        item.contextValue = "convex.field";
        item.tooltip = new vscode.MarkdownString().appendCodeblock(`${field.name}: ${field.validator}`, "typescript");
        item.command = { title: "Reveal", command: REVEAL_COMMAND, arguments: revealArgs(field.location) };
        return item;
      }
      case "index": {
        const { index } = node;
        const item = new vscode.TreeItem(index.name, vscode.TreeItemCollapsibleState.None);
        item.id = `${node.project.id}#${node.table.name}#index#${index.name}`;
        const fields = `${index.fields.join(", ")}${index.fieldsKnown ? "" : ", …"}`;
        item.description = index.kind === "index" ? `[${fields}]` : `${INDEX_LABELS[index.kind]}: ${fields}${index.dimensions ? ` (${index.dimensions} dims)` : ""}`;
        item.iconPath = new vscode.ThemeIcon(INDEX_ICONS[index.kind]);
        item.contextValue = `convex.${index.kind}`;
        item.tooltip = `${INDEX_LABELS[index.kind]} ${index.name} on ${node.table.name}: ${fields}`;
        item.command = { title: "Reveal", command: REVEAL_COMMAND, arguments: revealArgs(index.location) };
        return item;
      }
      case "message": {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon("info");
        item.tooltip = node.tooltip;
        return item;
      }
    }
  }
}

function projectChildren(project: SchemaTreeProject): SchemaNode[] {
  const tables = project.tables.map((table): SchemaNode => ({ type: "table", project, table }));
  if (!project.schemaUri) return [{ type: "message", id: `${project.id}#no-schema`, text: "No schema.ts in this functions folder" }];
  if (!project.complete) {
    tables.push({ type: "message", id: `${project.id}#incomplete`, text: "Schema partly read", tooltip: project.incompleteReason });
  }
  return tables;
}
