/** One job's build log: a file under the data directory, written line by line with secrets masked. */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
import { join } from "node:path";

/** Written in place of a secret found in a log line. */
export const REDACTED = "***";

/**
 * An open job log.
 *
 * @example
 * const log: JobLog = openJobLog({ dataDir, jobId });
 * log.write("STEP 1/2");
 * log.close();
 */
export interface JobLog {
  write(line: string): void;
  close(): void;
}

/**
 * The path of a job's log file.
 *
 * @example
 * jobLogPath({ dataDir: ".imagebuild", jobId: "dlc-abc" }) // ".imagebuild/logs/dlc-abc.log"
 */
export function jobLogPath({ dataDir, jobId }: { dataDir: string; jobId: string }): string {
  return join(dataDir, "logs", `${jobId}.log`);
}

/**
 * Opens a job's log for appending. Every occurrence of a secret (and of a base64 `Auth` value's
 * decoded `user:password` and password) is replaced by `***`.
 *
 * @example
 * const log = openJobLog({ dataDir, jobId, secrets: ["dXNlcjpwYXNz"] });
 * log.write("STEP 1/2: FROM busybox");
 */
export function openJobLog({
  dataDir,
  jobId,
  secrets = [],
}: {
  dataDir: string;
  jobId: string;
  secrets?: readonly string[];
}): JobLog {
  const path = jobLogPath({ dataDir, jobId });
  mkdirSync(join(dataDir, "logs"), { recursive: true });
  const fd = openSync(path, "a", 0o600);
  const masks = expandSecrets(secrets);
  let open = true;
  return {
    write(line) {
      if (!open) return;
      let text = line;
      for (const mask of masks) text = text.split(mask).join(REDACTED);
      writeSync(fd, `${text.replace(/\n$/, "")}\n`);
    },
    close() {
      if (open) closeSync(fd);
      open = false;
    },
  };
}

/**
 * Reads a job's log as lines; empty when nothing was written yet.
 *
 * @example
 * readJobLog({ dataDir, jobId: "dlc-abc" }) // ["[local-pai] status Queuing", …]
 */
export function readJobLog({ dataDir, jobId }: { dataDir: string; jobId: string }): string[] {
  const path = jobLogPath({ dataDir, jobId });
  if (!existsSync(path)) return [];
  const text = readFileSync(path, "utf8");
  return text === "" ? [] : text.replace(/\n$/, "").split("\n");
}

function expandSecrets(secrets: readonly string[]): string[] {
  const out = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    out.add(secret);
    const decoded = Buffer.from(secret, "base64").toString("utf8");
    if (/^[\x20-\x7e]+:[\x20-\x7e]{4,}$/.test(decoded)) {
      out.add(decoded);
      out.add(decoded.slice(decoded.indexOf(":") + 1));
    }
  }
  // Longest first, so a password inside "user:password" does not leave the user half-masked.
  return [...out].sort((a, b) => b.length - a.length);
}
