/* eslint-disable */
/**
 * Generated utilities for implementing server-side Convex functions (abridged for the demo).
 */
export {
  query,
  internalQuery,
  mutation,
  internalMutation,
  action,
  internalAction,
  httpAction,
} from "convex/server";
