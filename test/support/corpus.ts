// The real projects the engine is proven on (the fix proof over the corpus) and the fuzzer mutates:
// the @convex-dev/* components' sources, the demo and the fixture projects, as paths below the
// repository.
export const CORPUS_PROJECTS = [
  "test/fixtures/clean",
  "test/fixtures/fixable",
  "test/fixtures/moved-functions",
  "examples/demo",
  "node_modules/@convex-dev/workpool",
  "node_modules/@convex-dev/rate-limiter",
  "node_modules/@convex-dev/aggregate",
  "node_modules/@convex-dev/migrations",
  "node_modules/@convex-dev/workflow",
  "node_modules/@convex-dev/action-retrier",
];
