// The Convex panel: registers the Schema and Functions views and their commands. The data and every
// edit come from the language server (custom requests in server/src/lsp/protocol.ts).
import * as vscode from "vscode";
import { CodeActionRequest, type CodeAction, type Command, type LanguageClient } from "vscode-languageclient/node";
import {
  ADD_INDEX_REQUEST,
  CONVERT_TO_INTERNAL_KIND,
  FUNCTIONS_TREE_REQUEST,
  MODEL_CHANGED_NOTIFICATION,
  RULES_REQUEST,
  SCHEMA_TREE_REQUEST,
  USAGES_REQUEST,
  type AddIndexParams,
  type AddIndexResult,
  type FunctionsTreeResult,
  type ModelChangedParams,
  type RulesResult,
  type SchemaTreeResult,
  type SchemaTreeTable,
  type UsagesParams,
  type UsagesResult,
  type ViewRange,
} from "../../server/src/lsp/protocol";
import { FunctionsTreeProvider, type FunctionsNode } from "./functionsView";
import { REVEAL_COMMAND, toLocation, toRange } from "./panelShared";
import { SchemaTreeProvider, type SchemaNode } from "./schemaView";

export const SCHEMA_VIEW = "convex.schema";
export const FUNCTIONS_VIEW = "convex.functions";

export function registerPanel(context: vscode.ExtensionContext, client: LanguageClient, started: Promise<void>, output: vscode.LogOutputChannel): void {
  const request = async <R>(method: string, params?: unknown): Promise<R | undefined> => {
    try {
      await started;
      return await client.sendRequest<R>(method, params);
    } catch (e) {
      output.error(`${method} failed: ${(e as Error).message}`);
      return undefined;
    }
  };
  const schema = new SchemaTreeProvider(() => request<SchemaTreeResult>(SCHEMA_TREE_REQUEST), (result) => {
    void vscode.commands.executeCommand("setContext", "convex.panelState", result.projects.length > 0 ? "ready" : "none");
  });
  const functions = new FunctionsTreeProvider(() => request<FunctionsTreeResult>(FUNCTIONS_TREE_REQUEST));
  void vscode.commands.executeCommand("setContext", "convex.panelState", "loading");

  const schemaView = vscode.window.createTreeView(SCHEMA_VIEW, { treeDataProvider: schema, showCollapseAll: true });
  const functionsView = vscode.window.createTreeView(FUNCTIONS_VIEW, { treeDataProvider: functions, showCollapseAll: true });

  context.subscriptions.push(
    schemaView,
    functionsView,
    client.onNotification(MODEL_CHANGED_NOTIFICATION, (params: ModelChangedParams) => {
      if (params.schema) schema.refresh();
      if (params.functions) functions.refresh();
    }),
    vscode.commands.registerCommand(REVEAL_COMMAND, async (uri: string, range: ViewRange) => {
      await vscode.window.showTextDocument(vscode.Uri.parse(uri), { selection: toRange(range), preview: true });
    }),
    vscode.commands.registerCommand("convex.refresh", () => {
      schema.refresh();
      functions.refresh();
    }),
    vscode.commands.registerCommand("convex.showSchema", () => vscode.commands.executeCommand(`${SCHEMA_VIEW}.focus`)),
    vscode.commands.registerCommand("convex.addIndex", async (node?: SchemaNode) => {
      const target = node?.type === "table" ? node : await pickTable(await schema.current());
      if (target) await addIndex(target.project.id, target.table);
    }),
    vscode.commands.registerCommand("convex.findUsages", async (node?: SchemaNode | FunctionsNode) => {
      if (!node) return;
      let params: UsagesParams;
      let what: string;
      if (node.type === "table") [params, what] = [{ project: node.project.id, table: node.table.name }, `table "${node.table.name}"`];
      else if (node.type === "index") [params, what] = [{ project: node.project.id, table: node.table.name, index: node.index.name }, `index "${node.index.name}"`];
      else if (node.type === "function") [params, what] = [{ project: node.project.id, module: node.module.modulePath, function: node.fn.name }, `${node.module.modulePath}.${node.fn.name}`];
      else return;
      const result = await request<UsagesResult>(USAGES_REQUEST, params);
      if (!result || !result.definition) return;
      if (result.locations.length === 0) {
        void vscode.window.showInformationMessage(`No usages of ${what} found.`);
        return;
      }
      const anchor = toLocation(result.definition);
      await vscode.commands.executeCommand("editor.action.showReferences", anchor.uri, anchor.range.start, result.locations.map(toLocation));
    }),
    vscode.commands.registerCommand("convex.convertToInternal", async (node?: FunctionsNode) => {
      if (node?.type !== "function") return;
      await convertToInternal(node);
    }),
    vscode.commands.registerCommand("convex.fixAllInFile", async () => {
      if (!vscode.window.activeTextEditor) {
        void vscode.window.showInformationMessage("Open a file of your Convex functions folder to fix its problems.");
        return;
      }
      await vscode.commands.executeCommand("editor.action.sourceAction", { kind: "source.fixAll.convex", apply: "first" });
    }),
    // Used by the "Show documentation for <rule>" code action (with a URL) and the palette (without).
    vscode.commands.registerCommand("convex.openRuleDocs", async (url?: string) => {
      if (typeof url !== "string") {
        const rules = (await request<RulesResult>(RULES_REQUEST))?.rules ?? [];
        const picked = await vscode.window.showQuickPick(rules.map((r) => ({ label: r.id, detail: r.description, url: r.url })), {
          title: "Open Rule Documentation",
          placeHolder: "Rule id",
          matchOnDetail: true,
        });
        url = picked?.url;
      }
      if (url) await vscode.env.openExternal(vscode.Uri.parse(url));
    }),
  );

  async function addIndex(project: string, table: SchemaTreeTable): Promise<void> {
    // One field per step, in index order; "Done" ends the list.
    const fields: string[] = [];
    const done = { label: "$(check) Done", description: "", field: undefined as string | undefined, alwaysShow: true };
    for (;;) {
      const remaining = table.fields.filter((f) => !fields.includes(f.name)).map((f) => ({ label: f.name, description: f.type, field: f.name as string | undefined }));
      if (remaining.length === 0) break;
      done.description = fields.length ? `index on ${fields.join(", ")}` : "";
      const picked = await vscode.window.showQuickPick(fields.length ? [done, ...remaining] : remaining, {
        title: `Add index to ${table.name} (field ${fields.length + 1})`,
        placeHolder: fields.length ? `Next field after ${fields.join(", ")}, or Done` : "First field of the index",
      });
      if (!picked) return;
      if (picked.field === undefined) break;
      fields.push(picked.field);
    }
    if (fields.length === 0) return;
    const suggested = await request<AddIndexResult>(ADD_INDEX_REQUEST, { project, table: table.name, fields } satisfies AddIndexParams);
    if (!suggested) return;
    if (!suggested.edit) {
      void vscode.window.showErrorMessage(suggested.error ?? "The index could not be added.");
      return;
    }
    const name = await vscode.window.showInputBox({
      title: `Add index to ${table.name}`,
      prompt: `Index on ${fields.join(", ")}`,
      value: suggested.name,
      validateInput: (v) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(v) ? undefined : "Letters, digits and underscores; not starting with a digit."),
    });
    if (!name) return;
    const result = name === suggested.name ? suggested : await request<AddIndexResult>(ADD_INDEX_REQUEST, { project, table: table.name, fields, name } satisfies AddIndexParams);
    if (!result?.edit) {
      void vscode.window.showErrorMessage(result?.error ?? "The index could not be added.");
      return;
    }
    const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result.edit);
    if (!(await vscode.workspace.applyEdit(edit))) void vscode.window.showErrorMessage("The schema changed meanwhile; try again.");
  }

  async function convertToInternal(node: Extract<FunctionsNode, { type: "function" }>): Promise<void> {
    const uri = vscode.Uri.parse(node.module.uri);
    // Code actions are answered for open documents: opening it syncs it to the server.
    const document = await vscode.workspace.openTextDocument(uri);
    const params = {
      textDocument: { uri: client.code2ProtocolConverter.asUri(document.uri) },
      range: node.fn.location.range,
      context: { diagnostics: [], only: [CONVERT_TO_INTERNAL_KIND] },
    };
    let actions: (CodeAction | Command)[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      await started;
      actions = (await client.sendRequest(CodeActionRequest.type, params)) ?? [];
      if (actions.length > 0) break;
      await new Promise((r) => setTimeout(r, 200)); // the didOpen may still be on its way
    }
    const action = actions.find((a): a is CodeAction => "kind" in a && a.kind === CONVERT_TO_INTERNAL_KIND);
    if (!action) {
      void vscode.window.showErrorMessage(`${node.fn.name} cannot be converted to internal.`);
      return;
    }
    if (action.disabled || !action.edit) {
      void vscode.window.showErrorMessage(`${action.title}: ${action.disabled?.reason ?? "not available"}`);
      return;
    }
    const edit = await client.protocol2CodeConverter.asWorkspaceEdit(action.edit);
    if (await vscode.workspace.applyEdit(edit)) void vscode.window.showInformationMessage(`${node.fn.name} is now internal. Save the changed files to keep it.`);
    else void vscode.window.showErrorMessage("The files changed meanwhile; try again.");
  }
}

async function pickTable(tree: SchemaTreeResult | undefined): Promise<{ project: { id: string }; table: SchemaTreeTable } | undefined> {
  const items = (tree?.projects ?? []).flatMap((project) => project.tables.map((table) => ({
    label: table.name,
    description: tree!.projects.length > 1 ? `${project.workspaceFolder}/${project.functionsDir}` : "",
    project,
    table,
  })));
  if (items.length === 0) return undefined;
  return vscode.window.showQuickPick(items, { title: "Add index", placeHolder: "Table" });
}
