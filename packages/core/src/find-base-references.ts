/** Lists the images a Dockerfile builds on: every `FROM` and `COPY --from` that is not a build stage. */
import type { DockerfileInstruction } from "./parse-dockerfile.ts";

/** One image a Dockerfile pulls, as written, at its instruction (1-based, inside the Dockerfile). */
export interface BaseReference {
  keyword: "FROM" | "COPY";
  /** As written, e.g. `debian:bookworm`, `imagebuild:debian-tools:1.0.0`, `${BASE}`. */
  reference: string;
  line: number;
  column: number;
}

/**
 * The images of `FROM` and `COPY --from=` lines, leaving out `scratch`, earlier stage names and stage
 * numbers. ARGs are not expanded: a `${BASE}` comes back as written.
 *
 * @example
 * findBaseReferences(parseDockerfile("FROM debian:bookworm AS a\nCOPY --from=busybox:1.36 /bin/sh /sh\n").instructions)
 * // [{ keyword: "FROM", reference: "debian:bookworm", … }, { keyword: "COPY", reference: "busybox:1.36", … }]
 */
export function findBaseReferences(instructions: DockerfileInstruction[]): BaseReference[] {
  const stages = new Set<string>();
  const found: BaseReference[] = [];
  let stageCount = 0;
  // Indexed: an unoptimized for-of allocates a result object per step (docs/decisions/core-validation-speed.md).
  for (let index = 0; index < instructions.length; index += 1) {
    const instruction = instructions[index] as DockerfileInstruction;
    const { line, column } = instruction;
    if (instruction.keyword === "FROM") {
      // By index, not destructured: unoptimized, array destructuring goes through an iterator too.
      const words = instruction.args.split(/\s+/).filter((word) => !word.startsWith("--"));
      const reference = words[0];
      const as = words[1];
      const stageName = words[2];
      if (reference && reference !== "scratch" && !stages.has(reference.toLowerCase()))
        found.push({ keyword: "FROM", reference, line, column });
      if (as?.toLowerCase() === "as" && stageName) stages.add(stageName.toLowerCase());
      stageCount += 1;
      continue;
    }
    if (instruction.keyword !== "COPY") continue;
    const from = /(?:^|\s)--from=(\S+)/.exec(instruction.args)?.[1];
    if (!from || stages.has(from.toLowerCase())) continue;
    if (/^\d+$/.test(from) && Number(from) < stageCount) continue;
    found.push({ keyword: "COPY", reference: from, line, column });
  }
  return found;
}
