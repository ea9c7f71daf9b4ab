// The language server (bundled to dist/server-main.js, loaded by dist/server.js). The transport (--node-ipc from the client, --stdio from tests and
// other editors) comes from the command line.
import { ProposedFeatures, createConnection } from "vscode-languageserver/node";
import { startServer } from "./server";

startServer(createConnection(ProposedFeatures.all));

// Last line of defence: an unexpected error is reported, and the server keeps serving.
process.on("uncaughtException", (e) => process.stderr.write(`convex-guidelines server: uncaught ${e.stack ?? e}\n`));
process.on("unhandledRejection", (e) => process.stderr.write(`convex-guidelines server: unhandled rejection ${(e as Error)?.stack ?? e}\n`));
