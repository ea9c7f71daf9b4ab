// Helpers the panel's views share: locations from the server as VS Code values.
import * as vscode from "vscode";
import type { ViewLocation, ViewRange } from "../../server/src/lsp/protocol";

/** Opens a file at a range: what clicking a tree item does. */
export const REVEAL_COMMAND = "convex.reveal";

export function toRange(range: ViewRange): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

export function toLocation(location: ViewLocation): vscode.Location {
  return new vscode.Location(vscode.Uri.parse(location.uri), toRange(location.range));
}

export function revealArgs(location: ViewLocation): [string, ViewRange] {
  return [location.uri, location.range];
}
