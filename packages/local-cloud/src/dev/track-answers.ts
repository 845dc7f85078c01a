/** Reads the function's answers: per-spec results of each delivery, and how followed builds ended. */
import { type SpecResult, validators } from "@imagebuild/schema";
import type { TriggerKind } from "../fc/start-fc-host.ts";
import { parseWebhookAnswer, resultsOf } from "./deliver-push.ts";
import { describeResult } from "./describe-result.ts";
import type { followBuilds } from "./follow-builds.ts";

/** What the dev pipeline learns from the function's answers. */
export interface AnswerTracker {
  /** Give this to the FC host as its `onAnswer`. */
  onAnswer(kind: TriggerKind, answer: unknown): void;
  /** A delivery's dispatched record parts and their per-spec results. */
  dispatchedOf(delivery: string): { parts: Set<number>; results: SpecResult[] };
  /** How each followed build ended, as the function's follow step saw it (dependents included). */
  ends: Map<string, string>;
  /** Off while a caller waits for a push itself (`waitForBuilds`), so progress is not printed twice. */
  followPushes: boolean;
}

/**
 * Prints each answer, follows the builds it names with `builds` and keeps what `push` and
 * `waitForBuilds` read back.
 *
 * @example
 * const tracker = trackAnswers({ builds, out: console.log });
 * await startFcHost({ ...options, onAnswer: tracker.onAnswer });
 */
export function trackAnswers({
  builds,
  out,
}: {
  builds: ReturnType<typeof followBuilds>;
  out: (line: string) => void;
}): AnswerTracker {
  const dispatched = new Map<string, { parts: Set<number>; results: SpecResult[] }>();
  const tracker: AnswerTracker = {
    ends: new Map(),
    followPushes: true,
    dispatchedOf(delivery) {
      let entry = dispatched.get(delivery);
      if (!entry) {
        entry = { parts: new Set(), results: [] };
        dispatched.set(delivery, entry);
      }
      return entry;
    },
    onAnswer(kind, answer) {
      if (kind === "invoke") return onRecordAnswer(answer);
      if (kind === "http") {
        const response = validators.FcHttpResponse.safeParse(answer);
        const body = response.ok ? parseWebhookAnswer(response.value.body) : undefined;
        if (tracker.followPushes) builds.follow(resultsOf(body));
        return;
      }
      const parsed = validators.InvocationAnswer.safeParse(answer);
      if (!parsed.ok) return out(`${kind.padEnd(5)} unexpected answer: ${JSON.stringify(answer)}`);
      if (parsed.value.status === "failed" || parsed.value.status === "rejected")
        return out(
          `${kind.padEnd(5)} ${parsed.value.status}: ${JSON.stringify(parsed.value.error)}`,
        );
      if (!("results" in parsed.value)) return;
      for (const line of parsed.value.results) out(`${kind.padEnd(5)} ${describeResult(line)}`);
      builds.follow(parsed.value.results);
    },
  };
  const onRecordAnswer = (answer: unknown) => {
    const parsed = validators.InvocationAnswer.safeParse(answer);
    if (!parsed.ok || !("delivery" in parsed.value))
      return out(`async unexpected answer: ${JSON.stringify(answer)}`);
    const record = parsed.value;
    const part = `${record.part + 1}/${record.parts}`;
    for (const line of record.results) {
      if ("finalStatus" in line && line.finalStatus) tracker.ends.set(line.file, line.finalStatus);
      else if (line.status === "blocked") tracker.ends.set(line.file, "blocked");
      out(`async ${part} ${record.status} ${describeResult(line)}`);
    }
    if (record.note) out(`async ${part} ${record.note}`);
    if (record.status !== "dispatched") return;
    const entry = tracker.dispatchedOf(record.delivery);
    if (entry.parts.has(record.part)) return;
    entry.parts.add(record.part);
    entry.results.push(...record.results);
    if (tracker.followPushes) builds.follow(record.results);
  };
  return tracker;
}
