/* eslint-disable */
/**
 * Generated `api` utility (abridged for the demo; `npx convex dev` writes the real one).
 */
import type { ApiFromModules, FilterApi, FunctionReference } from "convex/server";
import type * as files from "../files.js";
import type * as jobs from "../jobs.js";
import type * as tasks from "../tasks.js";
import type * as users from "../users.js";

declare const fullApi: ApiFromModules<{ files: typeof files; jobs: typeof jobs; tasks: typeof tasks; users: typeof users }>;
export declare const api: FilterApi<typeof fullApi, FunctionReference<any, "public">>;
export declare const internal: FilterApi<typeof fullApi, FunctionReference<any, "internal">>;
