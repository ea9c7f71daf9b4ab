// Reads the walkthrough contribution of package.json: which files its steps show, which commands
// their buttons run and which commands and views complete them. Shared by the manifest test (files,
// our own commands) and the extension-host suite (VS Code's built-in commands and views exist).
export interface WalkthroughStep {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; image?: string | Record<string, string>; svg?: string; altText?: string };
  completionEvents?: string[];
}

export interface Walkthrough {
  id: string;
  title: string;
  description: string;
  steps: WalkthroughStep[];
}

/** The completion event kinds VS Code's getting-started service registers listeners for (1.139). */
export const COMPLETION_EVENT_KINDS = ["onCommand", "onView", "onLink", "onEvent", "onSettingChanged", "onContext", "onStepSelected", "stepSelected", "onExtensionInstalled", "extensionInstalled"];

/** Commands the step's description runs through `[label](command:id)` or `command:id?args` links. */
export function linkedCommands(step: WalkthroughStep): string[] {
  return [...step.description.matchAll(/\]\(command:(?:toSide:)?([\w.-]+)/g)].map((m) => m[1]);
}

/** What completes a step: commands (`onCommand:`) and views (`onView:`). */
export function completionTargets(step: WalkthroughStep): { commands: string[]; views: string[] } {
  const events = step.completionEvents ?? [];
  const after = (prefix: string) => events.filter((e) => e.startsWith(prefix)).map((e) => e.slice(prefix.length).replace(/^toSide:/, ""));
  return { commands: after("onCommand:"), views: after("onView:") };
}

/** Paths (relative to the extension's root) of the files a step shows. */
export function mediaFiles(step: WalkthroughStep): string[] {
  const { markdown, image, svg } = step.media;
  const images = typeof image === "string" ? [image] : image ? Object.values(image) : [];
  return [markdown, svg, ...images].filter((p): p is string => typeof p === "string");
}

export function walkthroughsOf(manifest: { contributes?: { walkthroughs?: Walkthrough[] } }): Walkthrough[] {
  return manifest.contributes?.walkthroughs ?? [];
}
