// The status bar item: which functions folder the server found, and how many findings it has.
import * as vscode from "vscode";
import type { StatusParams } from "../../server/src/lsp/protocol";

export class ConvexStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem("convex.status", vscode.StatusBarAlignment.Left, 10);

  constructor() {
    this.item.name = "Convex Guidelines";
    this.item.command = "workbench.actions.view.problems";
    this.item.text = "$(loading~spin) Convex";
    this.item.tooltip = "Convex Guidelines: analysing…";
    this.item.show();
  }

  update(status: StatusParams): void {
    if (status.projects.length === 0) {
      this.item.hide();
      return;
    }
    const { total, error, warning } = status.findings;
    const folders = status.projects.length === 1 ? status.projects[0].functionsDir : `${status.projects.length} Convex folders`;
    // Findings are the normal state, so the item stays neutral; the Problems counts carry severity.
    this.item.text = `$(database) ${folders} · ${total} finding${total === 1 ? "" : "s"}`;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown("**Convex Guidelines**\n\n");
    for (const p of status.projects) {
      tooltip.appendMarkdown(`- \`${p.functionsDir}\` in ${p.workspaceFolder}: ${p.modules} modules\n`);
    }
    tooltip.appendMarkdown(`\n${error} errors, ${warning} warnings, ${total - error - warning} info and hints. Click to open Problems.`);
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: `Convex Guidelines: ${folders}, ${total} findings` };
    this.item.show();
  }

  stopped(): void {
    this.item.text = "$(error) Convex";
    this.item.tooltip = "Convex Guidelines: the language server stopped. Run “Convex: Restart Server”.";
  }

  dispose(): void {
    this.item.dispose();
  }
}
