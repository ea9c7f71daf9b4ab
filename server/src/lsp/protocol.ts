// Custom messages between the server and the extension client. Shared by both sides, so it must
// import nothing but types.

/** Server → client after every analysis: what the status bar shows. */
export const STATUS_NOTIFICATION = "convex/status";

export interface StatusParams {
  projects: { workspaceFolder: string; functionsDir: string; modules: number }[];
  findings: { total: number; error: number; warning: number; info: number; hint: number };
}
