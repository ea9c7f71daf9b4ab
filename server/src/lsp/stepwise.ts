// Idle work split into steps, one per turn of the event loop, so that whatever the client sends in
// between (an edit, a request) waits for one step at most; and dropped once it is no longer wanted.

export interface StepwiseOutcome<R> {
  /** Steps run. */
  made: number;
  /** The steps' return value when they ran to the end; undefined when `stop()` ended them. */
  finished?: { value: R };
}

/**
 * Runs `steps` one `next()` per `later` turn until they are done or `stop()` answers true (asked
 * before every step, the first one included), then calls `ended` once.
 */
export function runStepwise<R>(
  steps: Iterator<unknown, R, undefined>,
  stop: () => boolean,
  ended: (outcome: StepwiseOutcome<R>) => void,
  later: (step: () => void) => void = (step) => setImmediate(step),
): void {
  let made = 0;
  const step = () => {
    if (stop()) return ended({ made });
    const next = steps.next();
    if (next.done) return ended({ made, finished: { value: next.value } });
    made++;
    later(step);
  };
  later(step);
}
