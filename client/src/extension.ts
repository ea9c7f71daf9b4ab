// Extension entry point: starts the language server over IPC and wires the status bar and commands.
// All analysis happens in the server; this side never loads the `typescript` parser.
import * as vscode from "vscode";
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";
import { STATUS_NOTIFICATION, type StatusParams } from "../../server/src/lsp/protocol";
import { crashHandler } from "./crashHandler";
import { registerPanel } from "./panel";
import { RestartPolicy } from "./restartPolicy";
import { ConvexStatusBar } from "./statusBar";

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel("Convex Guidelines", { log: true });
  const statusBar = new ConvexStatusBar();
  context.subscriptions.push(output, statusBar);

  const restarts = new RestartPolicy();
  const serverModule = context.asAbsolutePath("dist/server.js");
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6010"] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: ["typescript", "typescriptreact", "javascript", "javascriptreact"].map((language) => ({ scheme: "file", language })),
    synchronize: {
      // Modules edited outside the editor (git checkout, codegen), convex.json moves, the shared config.
      fileEvents: vscode.workspace.createFileSystemWatcher("**/{*.ts,*.tsx,*.mts,*.cts,*.js,*.jsx,*.mjs,*.cjs,convex.json,convex-guidelines.json}"),
    },
    outputChannel: output,
    errorHandler: crashHandler(restarts, output),
  };
  client = new LanguageClient("convex", "Convex Guidelines", serverOptions, clientOptions);
  context.subscriptions.push(
    client.onNotification(STATUS_NOTIFICATION, (status: StatusParams) => statusBar.update(status)),
    client.onDidChangeState((event) => {
      if (event.newState === State.Stopped) statusBar.stopped();
    }),
    vscode.commands.registerCommand("convex.restartServer", async () => {
      output.info("Restarting the Convex Guidelines server…");
      restarts.reset();
      await client?.restart();
    }),
    vscode.commands.registerCommand("convex.showOutput", () => output.show(true)),
  );
  const started = client.start();
  // The Schema and Functions views (and convex.openRuleDocs) ask the server once it is up.
  registerPanel(context, client, started, output);
  await started;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
