// The first-run walkthrough: four steps in the order a new user needs them, each with media that
// exists, buttons that run commands that exist, and completion events VS Code listens for. That the
// media ships is checked on the vsix (test/build/vsix.test.ts); that VS Code's own commands and
// views exist, inside VS Code (the extension-host suite).
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { test } from "node:test";
import { REPO_ROOT } from "../support/demo";
import { COMPLETION_EVENT_KINDS, completionTargets, linkedCommands, mediaFiles, walkthroughsOf } from "../support/walkthrough";

const manifest = JSON.parse(readFileSync(resolve(REPO_ROOT, "package.json"), "utf8"));
const [walkthrough] = walkthroughsOf(manifest);
const ownCommands = new Set<string>(manifest.contributes.commands.map((c: { command: string }) => c.command));
const ownViews = new Set<string>(Object.values(manifest.contributes.views as Record<string, { id: string }[]>).flat().map((v) => v.id));
/** The built-in commands and views the walkthrough relies on. */
const BUILTIN_COMMANDS = new Set(["workbench.actions.view.problems", "editor.action.quickFix", "editor.action.fixAll", "editor.action.insertSnippet"]);
const BUILTIN_VIEWS = new Set(["workbench.panel.markers.view"]);

test("one walkthrough: open the Convex panel, see a finding, apply a fix, insert a snippet", () => {
  assert.equal(walkthroughsOf(manifest).length, 1);
  assert.match(walkthrough.id, /^[a-zA-Z]+$/);
  assert.ok(walkthrough.title && walkthrough.description);
  assert.deepEqual(walkthrough.steps.map((s) => s.id), ["openPanel", "seeFinding", "applyFix", "insertSnippet"]);
  assert.equal(new Set(walkthrough.steps.map((s) => s.title)).size, 4);
});

test("every step's media is a file of the extension: markdown with a title, whose links resolve", () => {
  for (const step of walkthrough.steps) {
    const files = mediaFiles(step);
    assert.ok(files.length > 0, `${step.id} has no media`);
    if (step.media.image) assert.ok(step.media.altText, `${step.id}: an image needs altText`);
    for (const file of files) {
      const path = resolve(REPO_ROOT, file);
      assert.ok(existsSync(path), `${step.id}: ${file} does not exist`);
      if (!file.endsWith(".md")) continue;
      const text = readFileSync(path, "utf8");
      assert.match(text, /^# \S/, `${file} starts with a title`);
      for (const [, target] of text.matchAll(/\]\((?!https?:|command:|#)([^)\s]+)\)/g)) {
        assert.ok(existsSync(resolve(dirname(path), target)), `${file} links to ${target}, which does not exist`);
      }
    }
  }
});

test("every step has a button whose command exists, and completion events VS Code knows, on commands and views that exist", () => {
  for (const step of walkthrough.steps) {
    const buttons = linkedCommands(step);
    assert.equal(buttons.length, 1, `${step.id}: one button`);
    const events = step.completionEvents ?? [];
    assert.ok(events.length > 0, `${step.id}: without completionEvents a step is done as soon as it is selected`);
    for (const event of events) assert.ok(COMPLETION_EVENT_KINDS.includes(event.split(":")[0]), `${step.id}: unknown completion event ${event}`);
    const { commands, views } = completionTargets(step);
    for (const command of [...buttons, ...commands]) {
      assert.ok(ownCommands.has(command) || BUILTIN_COMMANDS.has(command), `${step.id}: command ${command} is neither contributed nor a known built-in`);
    }
    for (const view of views) assert.ok(ownViews.has(view) || BUILTIN_VIEWS.has(view), `${step.id}: view ${view} is neither contributed nor a known built-in`);
    // the button itself completes the step
    for (const command of buttons) {
      const completes = commands.includes(command) || (command === "convex.showSchema" && views.includes("convex.schema"));
      assert.ok(completes, `${step.id}: running its button (${command}) does not complete it`);
    }
  }
});
