/** Reads buildah bud's output for the images a build leaves in the storage: step images, reused ones, pushed cache tags. */

/** What `createStepImageLog` returns. */
export interface StepImageLog {
  /** Reads one output line of `buildah bud` (or of the cache export that follows it). */
  track(line: string): void;
  /** Every image id seen, in order, without repeats (short `--> <id>` ids and full reused ones). */
  all(): string[];
  /** The last step's image: the built image (undefined when buildah printed no id). */
  finalImage(): string | undefined;
  /** True when some step was committed rather than reused, so the cache has something new to get. */
  builtAny(): boolean;
  /** How many `--> Pushing cache` lines were seen. */
  pushed(): number;
}

// Without --iidfile buildah prints "--> <id>" (11 or 12 hex characters) after every step.
const STEP_ID = /^--> ([a-f0-9]{11,64})$/;
const REUSED = /^--> Using cache ([a-f0-9]{64})$/;
const PUSHED = /^--> Pushing cache \S+$/;

/**
 * Collects the ids buildah prints. A step reused from the cache prints `--> Using cache <full id>`
 * and then `--> <short id>` of that same image; a committed step prints only the latter.
 *
 * @example
 * const steps = createStepImageLog();
 * steps.track("--> 3cb9e1a5261");
 * steps.finalImage(); // "3cb9e1a5261"
 */
export function createStepImageLog(): StepImageLog {
  const ids: string[] = [];
  const reused: string[] = [];
  let last: string | undefined;
  let pushes = 0;
  const remember = (id: string) => {
    if (!ids.some((known) => known.startsWith(id) || id.startsWith(known))) ids.push(id);
  };
  return {
    track(line) {
      const text = line.trim();
      const hit = REUSED.exec(text)?.[1];
      if (hit) {
        reused.push(hit);
        remember(hit);
        return;
      }
      const step = STEP_ID.exec(text)?.[1];
      if (step) {
        last = step;
        remember(step);
        return;
      }
      if (PUSHED.test(text)) pushes += 1;
    },
    all: () => [...ids],
    finalImage: () => last,
    builtAny: () =>
      ids.some((id) => !reused.some((full) => full.startsWith(id) || id.startsWith(full))),
    pushed: () => pushes,
  };
}
