/** Turns resolved digests into file edits, checks that the specs read them back, and writes them atomically. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { directorySource, loadSpecs, type SecretHosts, type SpecSource } from "@imagebuild/core";
import type { PinSite } from "./find-pin-sites.ts";
import type { PinResolution } from "./resolve-pin-digests.ts";
import { formatLineDiff, type LineEdit, rewriteBaseLines } from "./rewrite-base-lines.ts";
import { writeFileAtomic } from "./write-file-atomic.ts";

/** Where a line is, what it read and what it reads now. */
export interface PinnedLine {
  file: string;
  line: number;
  column: number;
  keyword: "FROM" | "COPY";
  reference: string;
  pinned: string;
  digest: string;
  specs: string[];
}

/** What `applyPins` did, line by line and file by file. */
export interface PinOutcome {
  pinned: PinnedLine[];
  /** `--update` lines whose digest is the one written already. */
  upToDate: PinnedLine[];
  failed: (Omit<PinnedLine, "pinned" | "digest"> & { reason: string })[];
  /** Files written (none with `write: false`). */
  written: string[];
  /** A unified diff per changed file, for `--dry-run`. */
  diffs: string[];
}

/**
 * Rewrites each resolved site to `<reference as written, digest dropped>@<digest>`, then loads the
 * specs over the edited texts in every environment and keeps a file's edits only when each of its
 * lines reads back as the pinned reference (an inline Dockerfile in an unusual YAML scalar might
 * not); with `write`, writes the kept files atomically.
 *
 * @example
 * const outcome = await applyPins({ sites, answers, rootDir, specsDir: "specs", envs: ["local"], secretHosts, write: true });
 * outcome.written; // ["specs/tools/Dockerfile"]
 */
export async function applyPins({
  sites,
  answers,
  rootDir,
  specsDir,
  envs,
  secretHosts,
  write,
}: {
  sites: PinSite[];
  answers: Map<PinSite, PinResolution>;
  rootDir: string;
  specsDir: string;
  envs: (string | undefined)[];
  secretHosts: SecretHosts;
  write: boolean;
}): Promise<PinOutcome> {
  const outcome: PinOutcome = { pinned: [], upToDate: [], failed: [], written: [], diffs: [] };
  const byFile = new Map<string, PinnedLine[]>();
  for (const site of sites) {
    const { file, line, column, keyword, reference, specs } = site;
    const answer = answers.get(site);
    if (!answer?.ok) {
      const reason = answer?.reason ?? "not resolved";
      outcome.failed.push({ file, line, column, keyword, reference, specs, reason });
      continue;
    }
    const pinned = `${reference.replace(/@.*$/, "")}@${answer.digest}`;
    const entry = { file, line, column, keyword, reference, pinned, digest: answer.digest, specs };
    if (pinned === reference) outcome.upToDate.push(entry);
    else byFile.set(file, [...(byFile.get(file) ?? []), entry]);
  }
  const edited = new Map<string, { text: string; diff: string; lines: PinnedLine[] }>();
  for (const [file, lines] of byFile) {
    const before = await readFile(path.join(rootDir, file), "utf8");
    const edits: LineEdit[] = lines.map((l) => ({ ...l, from: l.reference, to: l.pinned }));
    const rewritten = rewriteBaseLines(before, edits);
    if (rewritten.missed.length > 0) {
      failAll(
        outcome,
        lines,
        "the reference is not on its line as written (a continuation?): pin it by hand",
      );
      continue;
    }
    edited.set(file, {
      text: rewritten.text,
      diff: formatLineDiff(file, rewritten.changed),
      lines,
    });
  }
  const unread = await linesNotReadBack({ rootDir, specsDir, envs, secretHosts, edited });
  for (const [file, change] of edited) {
    if (unread.has(file)) {
      failAll(
        outcome,
        change.lines,
        "the edited file did not read back as the pinned reference: pin it by hand",
      );
      continue;
    }
    if (write) {
      await writeFileAtomic(path.join(rootDir, file), change.text);
      outcome.written.push(file);
    }
    outcome.pinned.push(...change.lines);
    outcome.diffs.push(change.diff);
  }
  return outcome;
}

function failAll(outcome: PinOutcome, lines: PinnedLine[], reason: string): void {
  for (const { pinned: _pinned, digest: _digest, ...line } of lines) {
    outcome.failed.push({ ...line, reason });
  }
}

/** The edited files in which some pinned line is not what a spec reads at that place after the edit. */
async function linesNotReadBack({
  rootDir,
  specsDir,
  envs,
  secretHosts,
  edited,
}: {
  rootDir: string;
  specsDir: string;
  envs: (string | undefined)[];
  secretHosts: SecretHosts;
  edited: Map<string, { text: string; lines: PinnedLine[] }>;
}): Promise<Set<string>> {
  if (edited.size === 0) return new Set();
  const source = withEdits(directorySource(rootDir), edited);
  const paths = [...new Set([...edited.values()].flatMap((c) => c.lines.flatMap((l) => l.specs)))];
  const seen = new Set<string>();
  for (const env of envs) {
    const { specs } = await loadSpecs({
      source,
      specsDir,
      paths,
      secretHosts,
      ...(env ? { env } : {}),
    });
    for (const spec of specs) {
      for (const base of spec.bases) seen.add(`${base.file}:${base.line}:${base.reference}`);
    }
  }
  const unread = new Set<string>();
  for (const [file, change] of edited) {
    if (change.lines.some((l) => !seen.has(`${file}:${l.line}:${l.pinned}`))) unread.add(file);
  }
  return unread;
}

/** `source` with some files' texts replaced, for reading specs as they will be after the edits. */
function withEdits(source: SpecSource, edited: Map<string, { text: string }>): SpecSource {
  return {
    description: source.description,
    listFiles: (prefix) => source.listFiles(prefix),
    readFile: async (file) => edited.get(file)?.text ?? source.readFile(file),
    readFileInside: async (file, folder) => {
      const read = source.readFileInside
        ? await source.readFileInside(file, folder)
        : { status: "missing" as const };
      const text = edited.get(file)?.text;
      return read.status === "read" && text !== undefined ? { status: "read", text } : read;
    },
  };
}
