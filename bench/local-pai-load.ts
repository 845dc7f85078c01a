/**
 * Load on loopback against the local PAI service: idempotent CreateImageBuild replays and ListImages
 * (1,000 images seeded through AddImage), with autocannon 8, against a bare node:http server answering a
 * fixed JSON body measured in the same run (the baseline).
 *
 * The service is the real one (`imagebuild local serve`, real SQLite, real registry, busybox seeded) in a
 * child process, in unsigned mode (no access key: signature checks are not part of this figure). One
 * build is created and left to finish first; every measured CreateImageBuild carries the same
 * ClientToken and body, so it is answered from the ClientToken store without building.
 *
 * Goals (issue 4): at least 2,000 req/s and p99 at most 20 ms for both, on a 2-core machine.
 *
 * Run: npx tsx bench/local-pai-load.ts [seconds per run, default 10] [connections, default 10]
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import autocannon from "autocannon";

const SECONDS = Number(process.argv[2] ?? 10);
const CONNECTIONS = Number(process.argv[3] ?? 10);
const SEEDED_IMAGES = 1_000;
const GOAL_RPS = 2_000;
const GOAL_P99_MS = 20;
const ROOT = resolve(import.meta.dirname, "..");
const BIN = join(ROOT, "packages/cli/bin/imagebuild.cjs");

const BASELINE_SERVER = `
const { createServer } = require("node:http");
const body = JSON.stringify({ RequestId: "5A14FA81-DD4E-4000-8000-000000000000", ImageBuildId: "build-x", ImageBuildJobId: "dlc-x" });
const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json;charset=utf-8", "content-length": Buffer.byteLength(body) });
    res.end(body);
  });
});
server.keepAliveTimeout = 65000;
server.listen(0, "127.0.0.1", () => console.log("baseline listening on http://127.0.0.1:" + server.address().port));
`;

function startChild(
  command: string,
  args: string[],
  ready: RegExp,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], cwd: ROOT });
  let out = "";
  let err = "";
  child.stderr?.on("data", (c: Buffer) => {
    err += c.toString();
  });
  return new Promise((done, fail) => {
    child.stdout?.on("data", (c: Buffer) => {
      out += c.toString();
      const match = ready.exec(out);
      if (match?.[1]) done({ child, url: match[1] });
    });
    child.once("exit", (code) =>
      fail(new Error(`${command} exited ${code}:\n${err.slice(-2000)}`)),
    );
  });
}

async function post(url: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const parsed = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${url}: ${response.status} ${JSON.stringify(parsed)}`);
  return parsed;
}

interface Figures {
  rps: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function load(opts: {
  url: string;
  method?: "GET" | "POST";
  body?: string;
  title: string;
}): Promise<Figures> {
  const base = {
    url: opts.url,
    connections: CONNECTIONS,
    method: opts.method ?? "GET",
    headers: opts.body ? { "content-type": "application/json" } : {},
    ...(opts.body ? { body: opts.body } : {}),
  };
  await autocannon({ ...base, duration: 2 }); // warm-up: JIT, SQLite page cache
  const result = await autocannon({ ...base, duration: SECONDS, title: opts.title });
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

const dataDir = mkdtempSync(join(tmpdir(), "local-pai-load-"));
const children: ChildProcess[] = [];
try {
  const service = await startChild(
    process.execPath,
    [
      BIN,
      "local",
      "serve",
      "--port",
      "0",
      "--registry-port",
      "0",
      "--data",
      dataDir,
      "--base-images",
      "busybox",
    ],
    /imagebuild local service listening on (http:\/\/\S+)/,
  );
  children.push(service.child);
  const baseline = await startChild(
    process.execPath,
    ["-e", BASELINE_SERVER],
    /baseline listening on (http:\/\/\S+)/,
  );
  children.push(baseline.child);

  // The service only accepts an Image.Uri it can push to: its own registry, whose address is in its config.
  const config = readFileSync(join(dataDir, "registry", "config.yml"), "utf8");
  const host = /addr:\s*"?([0-9.]+:\d+)/.exec(config)?.[1];
  const request = {
    WorkspaceId: "bench",
    Resource: { EcsSpec: "ecs.c6.large" },
    TargetRegistry: { Type: "AcrEnterprise" },
    BuildConfig: {
      BuildType: "CustomDockerfile",
      Dockerfile: "FROM busybox\nRUN echo bench > /bench\n",
    },
    Image: { Name: "bench-build", Uri: `${host}/bench/build:1.0` },
  };
  const createUrl = `${service.url}/api/v1/imagebuilds?ClientToken=bench-replay`;
  const created = await post(createUrl, request);
  for (;;) {
    const job = (await (
      await fetch(`${service.url}/api/v1/jobs/${String(created.ImageBuildJobId)}`)
    ).json()) as {
      Status: string;
    };
    if (["Succeeded", "Failed", "Stopped"].includes(job.Status)) {
      console.log(`setup: build ${String(created.ImageBuildId)} ended ${job.Status}`);
      break;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  for (let i = 0; i < SEEDED_IMAGES; i++) {
    await post(`${service.url}/api/v1/images`, {
      Name: `seeded-${i}`,
      ImageUri: `${host}/bench/seeded:${i}`,
      WorkspaceId: "bench",
      Labels: [
        { Key: "system.chipType", Value: i % 2 === 0 ? "GPU" : "CPU" },
        { Key: "system.official", Value: "false" },
      ],
    });
  }
  console.log(
    `setup: ${SEEDED_IMAGES} images added; ${SECONDS} s per run, ${CONNECTIONS} connections, unsigned mode\n`,
  );

  const rows: [string, Figures][] = [];
  rows.push([
    "baseline: bare node:http, fixed JSON",
    await load({ url: `${baseline.url}/`, title: "baseline" }),
  ]);
  rows.push([
    "CreateImageBuild replay (same ClientToken)",
    await load({ url: createUrl, method: "POST", body: JSON.stringify(request), title: "replay" }),
  ]);
  rows.push([
    "ListImages (1,000 images, page of 20)",
    await load({
      url: `${service.url}/api/v1/images?WorkspaceId=bench&PageSize=20&PageNumber=3`,
      title: "list",
    }),
  ]);
  rows.push([
    "ListImages Labels filter + Verbose",
    await load({
      url: `${service.url}/api/v1/images?WorkspaceId=bench&Labels=system.chipType%3DGPU&Verbose=true&Order=DESC`,
      title: "list-labels",
    }),
  ]);

  // The machine is shared: a second baseline run at the end, averaged with the first, evens out drift.
  const last = await load({ url: `${baseline.url}/`, title: "baseline-2" });
  const first = (rows[0] as [string, Figures])[1];
  const base: Figures = {
    rps: (first.rps + last.rps) / 2,
    p99: Math.max(first.p99, last.p99),
    non2xx: first.non2xx + last.non2xx,
    errors: first.errors + last.errors,
  };
  rows[0] = ["baseline: bare node:http (mean of 2 runs)", base];
  console.log(
    `${"scenario".padEnd(44)} ${"req/s".padStart(9)} ${"p99 ms".padStart(7)} ${"req/s vs baseline".padStart(18)} ${"goal".padStart(6)}  non-2xx`,
  );
  for (const [name, f] of rows) {
    const meets = f.rps >= GOAL_RPS && f.p99 <= GOAL_P99_MS;
    console.log(
      `${name.padEnd(44)} ${f.rps.toFixed(0).padStart(9)} ${f.p99.toFixed(1).padStart(7)} ${`${(f.rps / base.rps).toFixed(2)}x`.padStart(18)} ${(name.startsWith("baseline") ? "-" : meets ? "met" : "MISSED").padStart(6)}  ${f.non2xx + f.errors}`,
    );
  }
  console.log(`\ngoal: >= ${GOAL_RPS} req/s and p99 <= ${GOAL_P99_MS} ms for the service rows`);
} finally {
  for (const child of children) child.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 1500));
  rmSync(dataDir, { recursive: true, force: true });
}
