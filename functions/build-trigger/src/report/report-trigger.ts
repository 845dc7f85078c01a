/** What a report is about: a push (statuses and chat) or an OSS upload or timer tick (chat only). */

/**
 * The trigger of a report; `deliveryKey` identifies it across redeliveries (the digest key).
 *
 * @example
 * const trigger: ReportTrigger = { kind: "push", provider: "github", repository: "acme/images", branch: "main", commit: sha, deliveryKey };
 */
export type ReportTrigger =
  | {
      kind: "push";
      provider: string;
      repository: string;
      branch: string;
      commit: string;
      deliveryKey: string;
    }
  | { kind: "oss" | "timer"; label: string; deliveryKey: string };
