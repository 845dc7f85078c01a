/** The OSS triggers among a function's s.yaml triggers: which object keys they fire for. */
import { z } from "zod";

const OssTrigger = z.object({
  triggerName: z.string(),
  triggerType: z.literal("oss"),
  triggerConfig: z.object({
    events: z.array(z.string()),
    filter: z.object({ key: z.object({ prefix: z.string(), suffix: z.string() }) }),
  }),
});

/** One OSS trigger of s.yaml. */
export interface OssTriggerSpec {
  name: string;
  events: string[];
  prefix: string;
  suffix: string;
}

/**
 * The OSS triggers among `triggers` (s.yaml `props.triggers`, variables resolved).
 *
 * @example
 * ossTriggersOf(fn.triggers) // [{ name: "spec-upload", events: ["oss:ObjectCreated:*"], prefix: "specs/", suffix: ".yaml" }]
 */
export function ossTriggersOf(triggers: readonly unknown[]): OssTriggerSpec[] {
  return triggers.flatMap((trigger) => {
    const parsed = OssTrigger.safeParse(trigger);
    if (!parsed.success) return [];
    const { triggerName, triggerConfig } = parsed.data;
    return [
      {
        name: triggerName,
        events: triggerConfig.events,
        prefix: triggerConfig.filter.key.prefix,
        suffix: triggerConfig.filter.key.suffix,
      },
    ];
  });
}
