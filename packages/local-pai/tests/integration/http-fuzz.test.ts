/** Fuzzes every route of the real service over HTTP, unsigned and signed: no 5xx, no hang, no build from invalid input. */
import { Agent, request } from "node:http";
import { join } from "node:path";
import { AIWORKSPACE_VERSION, signRequest } from "@imagebuild/pai-client";
import { validators } from "@imagebuild/schema";
import Database from "better-sqlite3";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { ROUTES } from "../../src/http/create-request-handler.ts";
import type { Builder } from "../../src/queue/builder.ts";
import { DATABASE_FILE } from "../../src/store/open-database.ts";
import { type FuzzRequest, fuzzRequest } from "../fixtures/fuzz-requests.ts";
import { buildRequest, call, testService } from "../fixtures/service-harness.ts";

/** Requests per mode: both modes together send more than the 10,000 the proof asks for. */
const REQUESTS_PER_MODE = 5_200;
/** Requests in flight at once (one fast-check run sends one batch). */
const BATCH_SIZE = 26;
/** A request not answered within this is a hang. */
const REQUEST_TIMEOUT_MS = 5_000;
/**
 * One mode's test timeout. A mode costs about 5 s of CPU (5 s wall on two quiet cores); the margin is
 * for a machine shared with other suites, where the same run took 30 s of wall time.
 */
const MODE_TIMEOUT_MS = 90_000;
/** Printed with a failure: rerun with FUZZ_SEED=<seed> to replay the same requests. */
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);

const KEY = { accessKeyId: "LTAIfuzz", accessKeySecret: "fuzz-secret" };
const STALE_DATE = new Date("2020-01-01T00:00:00Z");

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

interface Answer {
  status: number;
  text: string;
}

function send(
  baseUrl: string,
  agent: Agent,
  fuzzed: FuzzRequest,
  signed: boolean,
  retries = 1,
): Promise<Answer> {
  const url = new URL(baseUrl);
  let headers = fuzzed.headers;
  let body = fuzzed.body;
  if (signed) {
    headers = signRequest({
      method: fuzzed.method,
      host: url.host,
      path: fuzzed.path,
      query: fuzzed.query,
      headers: fuzzed.headers,
      body,
      credentials: KEY,
      ...(fuzzed.tamper === "stale-date" ? { date: STALE_DATE } : {}),
      ...(fuzzed.tamper === "reused-nonce" ? { nonce: "fuzz-reused-nonce" } : {}),
    }).headers;
    if (fuzzed.tamper === "drop-authorization") delete headers.authorization;
    if (fuzzed.tamper === "bad-signature")
      headers.authorization = String(headers.authorization).replace(/.$/, "0");
    if (fuzzed.tamper === "body-after-signing") body = `${body ?? ""} `;
  }
  // Node sends the body of a GET, HEAD or DELETE unframed (no Content-Length, no chunks): the server
  // would take it for the start of the next request and answer that one 400 in place of this one.
  if (body !== undefined)
    headers = { ...headers, "content-length": String(Buffer.byteLength(body)) };
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: fuzzed.method,
        path: `${fuzzed.path}${fuzzed.query ? `?${fuzzed.query}` : ""}`,
        headers,
        agent,
        timeout: REQUEST_TIMEOUT_MS,
      },
      (res) => {
        // The console's live feeds answer with an event stream that stays open by design: its
        // status is the answer.
        if (String(res.headers["content-type"]).startsWith("text/event-stream")) {
          resolve({ status: res.statusCode ?? 0, text: "" });
          req.destroy();
          return;
        }
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
    req.on("error", (error: NodeJS.ErrnoException) => {
      // Node's documented keep-alive race: the server may close an idle socket just as the agent
      // reuses it. Only that reset is sent again; any other error names the request.
      if (req.reusedSocket && error.code === "ECONNRESET" && retries > 0) {
        send(baseUrl, agent, fuzzed, signed, retries - 1).then(resolve, reject);
        return;
      }
      reject(new Error(`${fuzzed.method} ${fuzzed.path}: ${error.message}`, { cause: error }));
    });
    req.end(body);
  });
}

/** The id an answer names under `field`; the console's HTML pages (`/`, `/builds/…`) name none. */
function idIn(text: string, field: "ImageBuildJobId" | "JobId"): string | undefined {
  if (!text.startsWith("{")) return undefined;
  const id = (JSON.parse(text) as Record<string, unknown>)[field];
  return typeof id === "string" ? id : undefined;
}

async function fuzzMode(signed: boolean) {
  let builds = 0;
  const countingBuilder: Builder = async ({ onPhase }) => {
    builds += 1;
    onPhase("Running");
    return { status: "Succeeded", sizeBytes: 1, digest: "sha256:0" };
  };
  const errors: string[] = [];
  const log = {
    info() {},
    warn() {},
    error: (msg: string, fields?: Record<string, unknown>) =>
      errors.push(`${msg} ${JSON.stringify(fields)}`),
    child: () => log,
  };
  const started = await testService({
    builder: countingBuilder,
    log,
    ...(signed ? { accessKeys: [KEY] } : {}),
  });
  cleanups.push(started.cleanup);
  const { service, dataDir } = started;
  const agent = new Agent({ keepAlive: true, maxSockets: BATCH_SIZE });
  cleanups.push(async () => agent.destroy());

  // Two images and two builds to aim at (one of each to read, one to delete), sent the same way
  // the fuzzed requests are.
  const setup = (fuzzed: Omit<FuzzRequest, "headers" | "tamper" | "seed"> & { action: string }) =>
    send(
      service.url,
      agent,
      {
        ...fuzzed,
        seed: fuzzed.action,
        tamper: "none",
        headers: {
          "x-acs-action": fuzzed.action,
          "x-acs-version": AIWORKSPACE_VERSION,
          "content-type": "application/json; charset=utf-8",
        },
      },
      signed,
    );
  const seedImage = (name: string) =>
    setup({
      action: "AddImage",
      method: "POST",
      path: "/api/v1/images",
      query: "",
      body: JSON.stringify({
        Name: name,
        ImageUri: `127.0.0.1:5000/team/${name}:1.0`,
        WorkspaceId: "12345",
        Labels: [{ Key: "team", Value: "ml" }],
      }),
    });
  const seedBuild = (name: string) =>
    setup({
      action: "CreateImageBuild",
      method: "POST",
      path: "/api/v1/imagebuilds",
      query: `ClientToken=${name}`,
      body: JSON.stringify(buildRequest({ name })),
    });
  const idOf = (answer: Answer, field: "ImageId" | "ImageBuildJobId") => {
    expect(answer.status, answer.text).toBe(200);
    return String(JSON.parse(answer.text)[field]);
  };
  const targets = {
    imageId: idOf(await seedImage("seeded"), "ImageId"),
    removableImageId: idOf(await seedImage("removable"), "ImageId"),
    jobId: idOf(await seedBuild("seeded-build"), "ImageBuildJobId"),
    deletableJobId: idOf(await seedBuild("deletable-build"), "ImageBuildJobId"),
  };
  await service.idle();

  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  cleanups.push(async () => {
    db.close();
  });
  const countJobs = () => (db.prepare("SELECT count(*) AS n FROM jobs").get() as { n: number }).n;
  const jobExists = db.prepare("SELECT 1 FROM jobs WHERE job_id = ?");
  const imageExists = db.prepare("SELECT 1 FROM images WHERE image_id = ?");
  const jobsBefore = countJobs();
  const buildsBefore = builds;

  let sent = 0;
  const serverErrors: string[] = [];
  // One example per kind (status, method, first path segments), so one bug does not hide the others.
  const kinds = new Map<string, string>();
  const acceptedJobs = new Set<string>();
  const acceptedBodies: string[] = [];
  // The routes whose valid request got through at least once: the fuzzing reached every handler.
  const answeredRoutes = new Set<string>();
  // A DeleteJob forgets its job: it leaves the table.
  const deletedJobs = new Set<string>();
  let reseeded = 0;
  const startedAt = Date.now();
  await fc.assert(
    fc.asyncProperty(
      fc.array(fuzzRequest(targets), { minLength: BATCH_SIZE, maxLength: BATCH_SIZE }),
      async (batch) => {
        const answers = await Promise.all(
          batch.map((fuzzed) => send(service.url, agent, fuzzed, signed)),
        );
        sent += batch.length;
        answers.forEach((answer, i) => {
          const fuzzed = batch[i] as FuzzRequest;
          if (answer.status === 200) answeredRoutes.add(fuzzed.seed);
          if (answer.status >= 500) {
            const kind = `${answer.status} ${fuzzed.method} ${fuzzed.path.split("/").slice(0, 4).join("/")}`;
            serverErrors.push(kind);
            if (!kinds.has(kind)) {
              kinds.set(
                kind,
                `${kind}: ${fuzzed.path}?${fuzzed.query.slice(0, 200)} ${(fuzzed.body ?? "").slice(0, 300)} -> ${answer.text}`,
              );
            }
          }
          // Whatever the path looked like (dot segments are resolved), an answer with a job id is a build.
          const jobId = answer.status === 200 ? idIn(answer.text, "ImageBuildJobId") : undefined;
          if (jobId !== undefined) {
            acceptedJobs.add(jobId);
            acceptedBodies.push(fuzzed.body ?? "");
          }
          const deleted =
            answer.status === 200 && fuzzed.method === "DELETE"
              ? idIn(answer.text, "JobId")
              : undefined;
          if (deleted !== undefined) deletedJobs.add(deleted);
        });
        // A mutated request may delete what the reads aim at (a GetJob sent as DELETE is a
        // DeleteJob): it is seeded again, so that later reads still reach their handlers.
        if (jobExists.get(targets.jobId) === undefined) {
          reseeded += 1;
          targets.jobId = idOf(await seedBuild(`reseeded-${sent}`), "ImageBuildJobId");
          acceptedJobs.add(targets.jobId);
        }
        if (imageExists.get(targets.imageId) === undefined) {
          reseeded += 1;
          targets.imageId = idOf(await seedImage(`reseeded-${sent}`), "ImageId");
        }
      },
    ),
    // A hang or a dropped connection rejects the batch; shrinking it would replay the timeouts.
    { numRuns: Math.ceil(REQUESTS_PER_MODE / BATCH_SIZE), seed: SEED, endOnFailure: true },
  );
  // Every 5xx of the run is listed (not only the first), each as the request that caused it.
  expect([...kinds.values()], `${serverErrors.length} 5xx, seed ${SEED}`).toEqual([]);
  const elapsedMs = Date.now() - startedAt;
  const unanswered = ROUTES.map((route) => route.action).filter((a) => !answeredRoutes.has(a));
  expect(unanswered, `routes never answered 200, seed ${SEED}`).toEqual([]);
  await service.idle();

  // A build may only come from a request that the contract accepts.
  for (const body of acceptedBodies) {
    expect(validators.CreateImageBuildRequest.safeParse(JSON.parse(body)).ok).toBe(true);
  }
  expect(countJobs() - jobsBefore).toBe(acceptedJobs.size - deletedJobs.size);
  expect(builds - buildsBefore).toBe(acceptedJobs.size);
  const crashed = db
    .prepare(
      "SELECT job_id, reason_code, reason_message FROM jobs WHERE reason_code NOT IN ('JobStoppedByUser')",
    )
    .all();
  expect(crashed).toEqual([]);
  expect(errors).toEqual([]);
  const health = await call(`${service.url}/api/v1/images`);
  expect(health.status).toBeLessThan(500);
  console.info(
    `fuzz ${signed ? "signed" : "unsigned"}: ${sent} requests in ${elapsedMs} ms, ${serverErrors.length} 5xx, ${acceptedJobs.size} builds from valid input, ${deletedJobs.size} jobs deleted, ${reseeded} targets seeded again, seed ${SEED}`,
  );
  return { sent, elapsedMs };
}

describe("fuzzing every route over HTTP", () => {
  it(
    "answers every mutated request of unsigned mode with a status below 500, in time",
    async () => {
      const { sent } = await fuzzMode(false);
      expect(sent).toBeGreaterThanOrEqual(REQUESTS_PER_MODE);
    },
    MODE_TIMEOUT_MS,
  );

  it(
    "answers every mutated request of signed mode with a status below 500, in time",
    async () => {
      const { sent } = await fuzzMode(true);
      expect(sent).toBeGreaterThanOrEqual(REQUESTS_PER_MODE);
    },
    MODE_TIMEOUT_MS,
  );
});
