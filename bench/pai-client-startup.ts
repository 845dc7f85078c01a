/**
 * Startup cost of @imagebuild/pai-client against the official Alibaba Cloud SDK stack
 * (@alicloud/openapi-client + @alicloud/credentials + @alicloud/tea-util), measured in the same run.
 *
 * Each sample is a fresh `node` process (plain node for both sides; ours is an esbuild bundle of
 * packages/pai-client/src/index.ts with its dependencies, so no transpiler runs). The child times,
 * with performance.now(), from before its first import to the end of the scenario:
 *   - sign:  import + construct a client + credentials + sign one GetJob request (no network)
 *   - call:  import + construct a client + one signed GetJob against a port-0 node:http server here,
 *            which verifies both sides' signatures with our verifySignature
 * Samples alternate ours/official; the result is the ratio of medians (goal: at most 0.5x).
 *
 * Run: npx tsx bench/pai-client-startup.ts [samples per side, default 21]
 */
import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";
import { verifySignature } from "../packages/pai-client/src/index.ts";

const SAMPLES = Number(process.argv[2] ?? 21);
const ROOT = resolve(import.meta.dirname, "..");
const KEY = { accessKeyId: "bench-key", accessKeySecret: "bench-secret" };
const run = promisify(execFile);
const rootRequire = createRequire(join(ROOT, "package.json"));
const moduleUrl = (name: string) => pathToFileURL(rootRequire.resolve(name)).href;

const work = await mkdtemp(join(tmpdir(), "pai-client-bench-"));
const dist = join(work, "dist");
const bundle = join(dist, "index.mjs");
// Split so the lazily imported undici and @imagebuild/schema (zod) are separate chunks, as shipped.
await build({
  entryPoints: [join(ROOT, "packages/pai-client/src/index.ts")],
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  outdir: dist,
  outExtension: { ".js": ".mjs" },
  // undici is CommonJS; give the ESM bundle a real require for node: built-ins.
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  logLevel: "error",
});
const entryBytes = (await stat(bundle)).size;
let bundleBytes = 0;
for (const file of await readdir(dist)) bundleBytes += (await stat(join(dist, file))).size;

let verified = 0;
let rejected = 0;
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const url = new URL(req.url ?? "/", "http://x");
    const result = verifySignature({
      method: req.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: Buffer.concat(chunks),
      lookupSecret: (id) => (id === KEY.accessKeyId ? KEY.accessKeySecret : undefined),
    });
    if (result.ok) verified++;
    else rejected++;
    res.writeHead(result.ok ? 200 : 400, { "content-type": "application/json" });
    res.end(
      JSON.stringify(
        result.ok
          ? { JobId: "dlc-1", Status: "Running" }
          : { Code: result.code, Message: result.message },
      ),
    );
  });
});
await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
const port = (server.address() as AddressInfo).port;

const report = (label: string) =>
  `process.stdout.write(JSON.stringify({ ms: performance.now() - t0, ${label} }));`;

const children = {
  ours: {
    sign: `const t0 = performance.now();
const m = await import(${JSON.stringify(pathToFileURL(bundle).href)});
const client = m.createPaiClient({ credentials: ${JSON.stringify(KEY)}, endpoint: "http://127.0.0.1:${port}" });
const credentials = await m.toCredentialsProvider(${JSON.stringify(KEY)})();
const signed = m.signRequest({ method: "GET", host: "127.0.0.1:${port}", path: "/api/v1/jobs/dlc-1",
  headers: { "x-acs-action": "GetJob", "x-acs-version": "2020-12-03" }, credentials });
${report("ok: signed.signature.length === 64")}
await client.close();`,
    call: `const t0 = performance.now();
const m = await import(${JSON.stringify(pathToFileURL(bundle).href)});
const client = m.createPaiClient({ credentials: ${JSON.stringify(KEY)}, endpoint: "http://127.0.0.1:${port}", retry: { maxAttempts: 1 } });
const job = await client.getJob("dlc-1");
${report('ok: job.Status === "Running"')}
await client.close();`,
  },
  official: {
    sign: `const t0 = performance.now();
const OpenApi = await import(${JSON.stringify(moduleUrl("@alicloud/openapi-client"))});
const Credential = await import(${JSON.stringify(moduleUrl("@alicloud/credentials"))});
await import(${JSON.stringify(moduleUrl("@alicloud/tea-util"))});
const OpenApiUtil = (await import(${JSON.stringify(moduleUrl("@alicloud/openapi-util"))})).default.default;
const $tea = await import(${JSON.stringify(moduleUrl("@alicloud/tea-typescript"))});
const credential = new Credential.default.default(new Credential.Config({ type: "access_key", ...${JSON.stringify(KEY)} }));
const client = new OpenApi.default.default(new OpenApi.Config({ credential, endpoint: "127.0.0.1:${port}", protocol: "HTTP" }));
const c = await credential.getCredential();
const request = new $tea.Request();
request.method = "GET"; request.pathname = "/api/v1/jobs/dlc-1"; request.query = {};
request.headers = { host: "127.0.0.1:${port}", "x-acs-action": "GetJob", "x-acs-version": "2020-12-03",
  "x-acs-date": OpenApiUtil.getTimestamp(), "x-acs-signature-nonce": "n" + Math.random(),
  "x-acs-content-sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" };
const auth = OpenApiUtil.getAuthorization(request, "ACS3-HMAC-SHA256", request.headers["x-acs-content-sha256"], c.accessKeyId, c.accessKeySecret);
${report("ok: typeof auth === 'string' && auth.includes('Signature=') && !!client")}`,
    call: `const t0 = performance.now();
const OpenApi = await import(${JSON.stringify(moduleUrl("@alicloud/openapi-client"))});
const Credential = await import(${JSON.stringify(moduleUrl("@alicloud/credentials"))});
const Util = await import(${JSON.stringify(moduleUrl("@alicloud/tea-util"))});
const credential = new Credential.default.default(new Credential.Config({ type: "access_key", ...${JSON.stringify(KEY)} }));
const client = new OpenApi.default.default(new OpenApi.Config({ credential, endpoint: "127.0.0.1:${port}", protocol: "HTTP" }));
const params = new OpenApi.Params({ action: "GetJob", version: "2020-12-03", protocol: "HTTP", pathname: "/api/v1/jobs/dlc-1",
  method: "GET", authType: "AK", style: "ROA", reqBodyType: "json", bodyType: "json" });
const response = await client.callApi(params, new OpenApi.OpenApiRequest({}), new Util.RuntimeOptions({}));
${report('ok: response.body.Status === "Running"')}`,
  },
};

type Side = keyof typeof children;
type Scenario = keyof (typeof children)["ours"];
const files = new Map<string, string>();
for (const side of ["ours", "official"] as Side[]) {
  for (const scenario of ["sign", "call"] as Scenario[]) {
    const file = join(work, `${side}-${scenario}.mjs`);
    await writeFile(file, children[side][scenario]);
    files.set(`${side}-${scenario}`, file);
  }
}

async function sample(side: Side, scenario: Scenario): Promise<number> {
  const { stdout } = await run(process.execPath, [files.get(`${side}-${scenario}`) ?? ""], {
    cwd: work,
  });
  const { ms, ok } = JSON.parse(stdout) as { ms: number; ok: boolean };
  if (!ok) throw new Error(`${side} ${scenario}: the scenario did not complete`);
  return ms;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

console.log(
  `pai-client startup vs official SDK stack: ${SAMPLES} fresh node processes per side and scenario, alternating`,
);
console.log(
  `ours = esbuild ESM bundle of packages/pai-client/src/index.ts, run with plain node: entry ${(entryBytes / 1024).toFixed(0)} KiB, ${(bundleBytes / 1024).toFixed(0)} KiB with the lazy undici and schema chunks`,
);
console.log(
  "official = @alicloud/openapi-client + @alicloud/credentials + @alicloud/tea-util from node_modules\n",
);
for (const scenario of ["sign", "call"] as Scenario[]) {
  await sample("ours", scenario);
  await sample("official", scenario);
  const times: Record<Side, number[]> = { ours: [], official: [] };
  for (let i = 0; i < SAMPLES; i++) {
    const order: Side[] = i % 2 === 0 ? ["ours", "official"] : ["official", "ours"];
    for (const side of order) times[side].push(await sample(side, scenario));
  }
  const ours = median(times.ours);
  const official = median(times.official);
  const what =
    scenario === "sign"
      ? "import + client + credentials + sign first request"
      : "import + client + first signed call to a local port-0 server";
  console.log(`${scenario.padEnd(5)} ${what}`);
  console.log(
    `      median ratio ours/official = ${(ours / official).toFixed(2)}x  (goal <= 0.50x)`,
  );
  console.log(
    `      (medians for context only: ours ${ours.toFixed(1)} ms, official ${official.toFixed(1)} ms)\n`,
  );
}
console.log(
  `server-side verifySignature: ${verified} verified, ${rejected} rejected (both stacks' call requests)`,
);
server.close();
await rm(work, { recursive: true, force: true });
