// The Functions view: modules → the functions they register, with kind, visibility, args and callers.
import * as vscode from "vscode";
import type { FunctionsTreeFunction, FunctionsTreeModule, FunctionsTreeProject, FunctionsTreeResult } from "../../server/src/lsp/protocol";
import { REVEAL_COMMAND, revealArgs } from "./panelShared";

export type FunctionsNode =
  | { type: "project"; project: FunctionsTreeProject }
  | { type: "module"; project: FunctionsTreeProject; module: FunctionsTreeModule }
  | { type: "function"; project: FunctionsTreeProject; module: FunctionsTreeModule; fn: FunctionsTreeFunction };

const KIND_ICONS: Record<FunctionsTreeFunction["kind"], string> = { query: "search", mutation: "edit", action: "zap", httpAction: "globe" };

export class FunctionsTreeProvider implements vscode.TreeDataProvider<FunctionsNode> {
  private readonly changed = new vscode.EventEmitter<FunctionsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private data: Promise<FunctionsTreeResult | undefined> | undefined;

  constructor(private readonly fetch: () => Promise<FunctionsTreeResult | undefined>) {}

  refresh(): void {
    this.data = undefined;
    this.changed.fire(undefined);
  }

  async getChildren(node?: FunctionsNode): Promise<FunctionsNode[]> {
    if (!node) {
      this.data ??= this.fetch();
      const result = await this.data;
      if (!result || result.projects.length === 0) return [];
      if (result.projects.length > 1) return result.projects.map((project) => ({ type: "project", project }));
      return modulesOf(result.projects[0]);
    }
    if (node.type === "project") return modulesOf(node.project);
    if (node.type === "module") return node.module.functions.map((fn) => ({ type: "function", project: node.project, module: node.module, fn }));
    return [];
  }

  getTreeItem(node: FunctionsNode): vscode.TreeItem {
    switch (node.type) {
      case "project": {
        const item = new vscode.TreeItem(node.project.workspaceFolder, vscode.TreeItemCollapsibleState.Expanded);
        item.id = node.project.id;
        item.description = node.project.functionsDir;
        item.iconPath = new vscode.ThemeIcon("root-folder");
        item.contextValue = "convex.project";
        return item;
      }
      case "module": {
        const { module } = node;
        const item = new vscode.TreeItem(module.modulePath, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `${node.project.id}#${module.modulePath}`;
        item.resourceUri = vscode.Uri.parse(module.uri);
        item.description = `${module.functions.length} function${module.functions.length === 1 ? "" : "s"}`;
        item.iconPath = vscode.ThemeIcon.File;
        item.contextValue = "convex.module";
        item.command = { title: "Open", command: "vscode.open", arguments: [item.resourceUri] };
        return item;
      }
      case "function": {
        const { fn, module } = node;
        const item = new vscode.TreeItem(fn.name, vscode.TreeItemCollapsibleState.None);
        item.id = `${node.project.id}#${module.modulePath}#${fn.name}`;
        const internal = fn.visibility === "internal";
        const callers = `${fn.callSites} call site${fn.callSites === 1 ? "" : "s"}`;
        item.description = [internal ? `internal ${fn.kind}` : fn.kind, fn.args, callers].filter((s) => s !== "").join(" · ");
        item.iconPath = new vscode.ThemeIcon(internal ? "lock" : KIND_ICONS[fn.kind]);
        item.contextValue = fn.kind === "httpAction" ? "convex.function.http" : `convex.function.${fn.visibility}`;
        const reference = `${internal ? "internal" : "api"}.${module.modulePath.split("/").join(".")}.${fn.name}`;
        item.tooltip = new vscode.MarkdownString(`**${fn.name}**: ${internal ? "internal " : "public "}${fn.kind}\n\n` +
          (fn.kind === "httpAction" ? "" : `\`${reference}\` · args \`${fn.args}\`\n\n`) + `Referenced from ${callers}.`);
        item.command = { title: "Reveal", command: REVEAL_COMMAND, arguments: revealArgs(fn.location) };
        return item;
      }
    }
  }
}

function modulesOf(project: FunctionsTreeProject): FunctionsNode[] {
  return project.modules.map((module) => ({ type: "module", project, module }));
}
