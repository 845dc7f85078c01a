/**
 * The errors the function raises itself; each has a stable `code` and says whether a retry can help.
 * Other packages' errors are classified by pai-client's `isRetryableError`.
 */

/**
 * A spec source could not be read (HTTP error, network, a host not on the allow-list).
 *
 * @example
 * throw new SourceError({ code: "SOURCE_HTTP", message: "GET …: 503", retryable: true, statusCode: 503 });
 */
export class SourceError extends Error {
  override readonly name = "SourceError";
  readonly code:
    | "SOURCE_HTTP"
    | "SOURCE_NOT_FOUND"
    | "SOURCE_NETWORK"
    | "SOURCE_HOST_NOT_ALLOWED"
    | "SOURCE_UNSUPPORTED";
  readonly retryable: boolean;
  readonly statusCode: number | undefined;

  constructor(init: {
    code: SourceError["code"];
    message: string;
    retryable?: boolean;
    statusCode?: number;
    cause?: unknown;
  }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.retryable = init.retryable ?? false;
    this.statusCode = init.statusCode;
  }
}

/**
 * Thrown out of an asynchronous (OSS or timer) invocation so Function Compute retries it; the
 * ClientTokens make the retry build nothing twice.
 *
 * @example
 * if (results.some((r) => r.status === "failed" && r.error.retryable)) throw new RetryableBuildError({ … });
 */
export class RetryableBuildError extends Error {
  override readonly name = "RetryableBuildError";
  readonly code = "BUILD_RETRYABLE";
  readonly files: string[];

  constructor({ message, files, cause }: { message: string; files: string[]; cause?: unknown }) {
    super(message, cause === undefined ? undefined : { cause });
    this.files = files;
  }
}

/**
 * Throws `RetryableBuildError` when any result failed with a retryable error.
 *
 * @example
 * throwIfRetryable(results);
 */
export function throwIfRetryable(
  results: readonly { file: string; status: string; error?: { retryable: boolean } }[],
): void {
  const retry = results.filter((result) => result.status === "failed" && result.error?.retryable);
  if (retry.length === 0) return;
  throw new RetryableBuildError({
    message: `retryable failures: ${retry.map((result) => result.file).join(", ")}`,
    files: retry.map((result) => result.file),
  });
}
