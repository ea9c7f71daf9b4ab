// Vocabulary of the generated project: table nouns, name qualifiers, feature areas and the phrases
// its comments are made of. Plain data; the order matters only through the seeded shuffles.

/** Singular nouns whose plural is the noun + "s"; each becomes a table (`orders`) and an id field (`orderId`). */
export const NOUNS: readonly string[] = [
  "order", "invoice", "project", "task", "comment", "message", "channel", "team", "document", "file",
  "event", "payment", "product", "review", "ticket", "label", "board", "card", "note", "post",
  "thread", "reaction", "subscription", "plan", "coupon", "cart", "shipment", "warehouse", "vendor", "contract",
  "meeting", "room", "booking", "guest", "course", "lesson", "grade", "badge", "alert", "report",
  "dashboard", "widget", "metric", "experiment", "flag", "webhook", "invite", "member", "role", "permission",
  "device", "location", "route", "driver", "vehicle", "trip", "photo", "album", "playlist", "track",
  "artist", "recipe", "ingredient", "menu", "article", "author", "tag", "form", "survey", "response",
  "campaign", "lead", "deal", "account", "contact", "notification", "template", "snippet", "workflow", "job",
  "build", "release", "deployment", "incident", "backup", "asset", "bundle", "ledger", "receipt", "refund",
  "quote", "estimate", "milestone", "sprint", "epic", "goal", "habit", "reminder", "bookmark", "folder",
  "page", "section", "block", "entry", "sample", "dataset", "model", "prompt", "agent", "playbook",
];

/** Prefixes that make further table names once the nouns run out (`archivedOrders`). */
export const QUALIFIERS: readonly string[] = [
  "", "archived", "shared", "team", "draft", "legacy", "imported", "pending", "public", "external",
  "scheduled", "daily", "weekly", "synced", "cached", "partner", "regional", "global", "staged", "pinned",
];

/** Folders under convex/ (one per feature area). */
export const AREAS: readonly string[] = [
  "accounts", "billing", "catalog", "crm", "messaging", "projects", "support", "analytics", "content", "scheduling",
  "inventory", "shipping", "marketing", "learning", "media", "social", "admin", "integrations", "reporting", "workflows",
];

/** What each further module of a table is about; the first module of a table carries its name alone. */
export const MODULE_ROLES: readonly string[] = ["", "Admin", "Jobs", "Stats", "Sync", "Import", "Export", "Audit"];

/** Openers of module header comments, by module role (see MODULE_ROLES). */
export const MODULE_PURPOSES: Readonly<Record<string, string>> = {
  "": "Reads and writes for",
  Admin: "Back-office operations on",
  Jobs: "Background processing of",
  Stats: "Counters and summaries over",
  Sync: "Keeps in step with the upstream system:",
  Import: "Bulk import of",
  Export: "Exports and reports built from",
  Audit: "Audit trail and housekeeping for",
};

/** Sentences a function comment may end with, picked by the seeded PRNG. */
export const REMARKS: readonly string[] = [
  "Kept small so the transaction stays well under the read limits.",
  "The index keeps this a range read instead of a table scan.",
  "Returns null rather than throwing so the UI can render an empty state.",
  "Called from the dashboard; see src/ for the component that uses it.",
  "Runs in one transaction: either every write lands or none does.",
  "The slow part happens in a scheduled action, not here.",
  "Only server code calls this, hence internal.",
  "Limits are deliberate: the list view never shows more than a page.",
  "Keep the argument validator in sync with the client form.",
  "Safe to retry: writing the same status twice changes nothing.",
];
