// What the client does when the connection to the language server fails or closes: it restarts a
// server that died (killed, out of memory, a crash the server's own guards did not catch), as
// RestartPolicy allows, saying so in the output channel.
import * as vscode from "vscode";
import { CloseAction, ErrorAction, type ErrorHandler } from "vscode-languageclient/node";
import type { RestartPolicy } from "./restartPolicy";

export function crashHandler(restarts: RestartPolicy, output: vscode.LogOutputChannel): ErrorHandler {
  return {
    // Over IPC a message fails to go out only when the server's end of the channel is gone, and the
    // channel's close follows and comes to closed() below. So the connection is never stopped here:
    // stopping it would make the client skip closed() and leave the dead server unrestarted — which
    // is what happened when the user kept typing in the moment between the server's death and the
    // close (two failed writes were enough).
    error: (error) => ({
      action: ErrorAction.Continue,
      message: `Could not reach the Convex Guidelines server (${error.message}); if it stopped, it is restarted.`,
      handled: true,
    }),
    closed: () => {
      const decision = restarts.crashed();
      if (decision.restart) {
        output.warn(decision.message);
        return { action: CloseAction.Restart, handled: true };
      }
      output.error(decision.message);
      void vscode.window.showErrorMessage(decision.message, "Restart Server", "Show Output").then((choice) => {
        if (choice === "Restart Server") void vscode.commands.executeCommand("convex.restartServer");
        else if (choice === "Show Output") output.show(true);
      });
      return { action: CloseAction.DoNotRestart, handled: true };
    },
  };
}
