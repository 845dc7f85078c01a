/** One scripted PAI server for every package's tests: real node:http on port 0, scripted failures, recorded requests. */
import { createServer, type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import {
  createPaiContract,
  type PaiBuild,
  type PaiServerStats,
  seedImage,
} from "./pai-contract.ts";
import { type Answer, type Step, stepAnswer, throttled } from "./step.ts";
import { createTokenBucket } from "./token-bucket.ts";

/** A request as received, for `verify`. */
export interface ReceivedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What a `verify` hook decides; a failure is answered with its status and code instead of the call. */
export type Verification =
  | { ok: true }
  | { ok: false; statusCode: number; code: string; message: string };

/** What the server saw for one request. */
export interface SeenRequest<V = Verification> extends ReceivedRequest {
  /** What `verify` returned; `undefined` without a `verify` hook. */
  verification: V | undefined;
}

/** How the server behaves; every option has a default that serves the contract at once. */
export interface PaiServerOptions<V extends Verification = Verification> {
  /** Workspace images ListImages starts with; ImageId and Name are filled in when missing. */
  images?: Record<string, unknown>[];
  /** Builds of images with these names end `Failed` (BuildFailed, "RUN step exited with 1"); see `PaiServer.failingImageNames`. */
  failingImageNames?: string[];
  /** Statuses GetJob reports, one per call, before the final Succeeded or Failed. */
  statusesBeforeEnd?: string[];
  /** Put into the ids: `build-<prefix>1`, `dlc-<prefix>1`. */
  idPrefix?: string;
  /** Answers to the first requests, in arrival order; then the contract serves. */
  script?: Step[];
  /** Repeat the script's last step forever instead of serving the contract after it. */
  repeatLastStep?: boolean;
  /** The first `failFirst` attempts of each ClientToken of CreateImageBuild get `failure`. */
  failFirst?: number;
  failure?: Step;
  /** Requests per second beyond which every call gets HTTP 400 Throttling.User (a token bucket of `burst`). */
  ratePerSecond?: number;
  burst?: number;
  /** Delays every answer by this many milliseconds. */
  delayMs?: number;
  /** Keeps every answer back until this settles (the test decides when the server responds). */
  hold?: Promise<unknown>;
  /** Checks each request first, e.g. its signature; a failed check is answered instead of the call. */
  verify?: (request: ReceivedRequest) => V;
}

/** The running server and what it has seen. */
export interface PaiServer<V extends Verification = Verification> {
  url: string;
  /** Every request, in arrival order. */
  seen: SeenRequest<V>[];
  /** Builds by ImageBuildId. */
  builds: Map<string, PaiBuild>;
  /** The same builds by DLC JobId. */
  jobs: Map<string, PaiBuild>;
  /** The workspace image list (seeded images and successful builds). */
  images: Record<string, unknown>[];
  /** Image names whose next builds fail, from `failingImageNames`; delete a name to "fix" the build. */
  failingImageNames: Set<string>;
  stats: PaiServerStats;
  /** Set to stop every scripted failure (the outage is over). */
  healed: boolean;
  close(): Promise<void>;
}

const CREATE_PATH = "/api/v1/imagebuilds";
// Keeps connections of benchmark clients open between bursts, as the cloud gateway does.
const KEEP_ALIVE_TIMEOUT_MS = 30_000;

/**
 * Starts the server on 127.0.0.1 port 0. Builds are idempotent on ClientToken (same token and body:
 * the first answer again; another body: 400 IdempotentParameterMismatch), go Creating → Running →
 * Succeeded one step per GetJob, and a success adds the image to ListImages.
 *
 * @example
 * const pai = await startPaiServer({ script: ["drop", "503", "throttle"] }); // then 200
 * const client = createPaiClient({ endpoint: pai.url, env: {} });
 * await pai.close();
 */
export async function startPaiServer<V extends Verification = Verification>({
  images = [],
  failingImageNames = [],
  statusesBeforeEnd = ["Running"],
  idPrefix = "",
  script = [],
  repeatLastStep = false,
  failFirst = 0,
  failure = "503",
  ratePerSecond = Number.POSITIVE_INFINITY,
  burst = 1,
  delayMs = 0,
  hold = Promise.resolve(),
  verify,
}: PaiServerOptions<V> = {}): Promise<PaiServer<V>> {
  const state: PaiServer<V> = {
    url: "",
    seen: [],
    builds: new Map(),
    jobs: new Map(),
    images: images.map(seedImage),
    failingImageNames: new Set(failingImageNames),
    stats: { builds: 0, createCalls: 0, throttled: 0, replays: 0, listCalls: 0 },
    healed: false,
    close: async () => {},
  };
  const contract = createPaiContract(state, { idPrefix, statusesBeforeEnd });
  const allow = createTokenBucket({ ratePerSecond, burst });
  const attemptsByToken = new Map<string, number>();
  let sequence = 0;

  const serve = (request: ReceivedRequest, requestId: string): Answer => {
    const answer = contract.answer(request);
    return { ...answer, body: { RequestId: requestId, ...(answer.body as object) } };
  };

  const decide = (
    request: ReceivedRequest,
    verification: V | undefined,
    requestId: string,
  ): Answer | "drop" | "hang" => {
    if (verification && !verification.ok) {
      const { statusCode, code, message } = verification;
      return { status: statusCode, body: { Code: code, Message: message } };
    }
    const isCreate = request.method === "POST" && request.path === CREATE_PATH;
    if (isCreate) state.stats.createCalls += 1;
    const index = state.seen.length - 1;
    const scripted = repeatLastStep ? script[Math.min(index, script.length - 1)] : script[index];
    let step: Step = scripted && !state.healed ? scripted : "serve";
    if (step === "serve" && !allow()) {
      state.stats.throttled += 1;
      return throttled(requestId);
    }
    if (step === "serve" && isCreate && failFirst > 0) {
      const token = request.query.get("ClientToken") ?? `none-${requestId}`;
      const attempt = (attemptsByToken.get(token) ?? 0) + 1;
      attemptsByToken.set(token, attempt);
      if (attempt <= failFirst && !state.healed) step = failure;
    }
    const answer = stepAnswer(step, requestId);
    return answer === "serve" ? serve(request, requestId) : answer;
  };

  const server = createServer((req, res) => {
    readBody(req)
      .then((body) => {
        sequence += 1;
        const url = new URL(req.url ?? "/", "http://localhost");
        const request: ReceivedRequest = {
          method: req.method ?? "",
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          body,
        };
        const verification = verify?.(request);
        state.seen.push({ ...request, verification });
        const answer = decide(request, verification, `REQ-${sequence}`);
        if (answer === "hang") return;
        if (answer === "drop") return void req.socket.destroy();
        void hold.then(() =>
          setTimeout(() => {
            const text =
              typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body);
            res.writeHead(answer.status, {
              "content-type": "application/json",
              "content-length": Buffer.byteLength(text),
              ...answer.headers,
            });
            res.end(text);
          }, delayMs),
        );
      })
      .catch((error: unknown) => {
        // A bug in the stand-in answers 500 rather than leaving the client waiting.
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ Code: "InternalError", Message: String(error) }));
      });
  });
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      // A second close (a test's finally after its afterEach) finds the server stopped: nothing to do.
      server.close(() => resolve());
    });
  return state;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
