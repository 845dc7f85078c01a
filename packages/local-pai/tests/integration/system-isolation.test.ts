/** Hostile RUN steps in real builds: chroot escape, the data directory, host processes, another build, loopback services; and the refusal without isolation. */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Logger } from "../../src/logger.ts";
import { prepareBuildIsolation, runBuild } from "../../src/system/index.ts";
import { type SystemHarness, startSystemHarness } from "../fixtures/system-harness.ts";

const BUILD_TIMEOUT_MS = 180_000;

describe("a build's RUN steps stay in their box", () => {
  let system: SystemHarness;
  let api: Server;
  let apiPort = 0;
  let apiRequests = 0;
  const hostSecret = `host-secret-${randomBytes(8).toString("hex")}`;
  let hostFile = "";
  beforeAll(async () => {
    system = await startSystemHarness({ images: ["busybox", "debian:bookworm"] });
    hostFile = join(system.dataDir, "host-secret.txt");
    await writeFile(hostFile, `${hostSecret}\n`, { mode: 0o644 });
    // Stands in for the local service's API on loopback: any request a build makes is counted.
    api = createServer((_req, res) => {
      apiRequests += 1;
      res.end("{}");
    });
    await new Promise<void>((done) => api.listen(0, "127.0.0.1", done));
    apiPort = (api.address() as AddressInfo).port;
  }, 600_000);
  afterAll(async () => {
    await new Promise((done) => api?.close(done));
    await system?.close();
  });

  const build = async (name: string, dockerfile: string) => {
    const logs: string[] = [];
    const outcome = await runBuild({
      dockerfile,
      imageUri: `${system.registry.host}/hostile/${name}:1.0`,
      overwriteTag: true,
      environment: system.environment,
      isolation: system.isolation,
      registry: system.registry,
      workDir: system.workDir(name),
      onLog: (line) => logs.push(line),
    });
    return { outcome, logs, text: logs.join("\n") };
  };

  it("isolates on this machine: a private network, not the host's", () => {
    expect(system.isolation.network).toBe("private");
  });

  it(
    "runs two images' builds at once in two user namespaces of their own, each image in the same one every time",
    async () => {
      const dockerfile =
        "FROM busybox\nRUN sleep 1; echo MAP $(cat /proc/self/uid_map) $(cat /proc/self/gid_map)\n";
      const mapOf = (text: string) => /^MAP (\d.*)$/m.exec(text)?.[1]?.trim().split(/\s+/);
      const [a, b] = await Promise.all([
        build("range-a", dockerfile),
        build("range-b", dockerfile),
      ]);
      const again = await build(
        "range-a",
        `${dockerfile}RUN echo AGAIN $(cat /proc/self/uid_map)\n`,
      );
      for (const { outcome, text } of [a, b, again]) expect(outcome.status, text).toBe("Succeeded");
      const [mapA, mapB] = [mapOf(a.text), mapOf(b.text)];
      // "0 <host uid> 65536 0 <host gid> 65536": root is an unprivileged host id, 16-bit ids inside.
      expect(mapA).toEqual([
        "0",
        expect.stringMatching(/^[1-9]\d+$/),
        "65536",
        "0",
        expect.stringMatching(/^[1-9]\d+$/),
        "65536",
      ]);
      expect(Number(mapA?.[1])).toBeGreaterThanOrEqual(65_536);
      expect(mapB?.[1]).not.toBe(mapA?.[1]);
      expect(Math.abs(Number(mapB?.[1]) - Number(mapA?.[1]))).toBeGreaterThanOrEqual(65_536);
      // The second build of range-a reused its first RUN step and ran its new one in the same range.
      expect(again.logs.some((line) => line.startsWith("--> Using cache"))).toBe(true);
      expect(/^AGAIN (\d.*)$/m.exec(again.text)?.[1]?.trim().split(/\s+/)).toEqual(
        mapA?.slice(0, 3),
      );
    },
    BUILD_TIMEOUT_MS,
  );

  it(
    "a double chroot escape stays inside the image and reads no host file",
    async () => {
      // The classic escape: chroot into a subfolder while keeping a cwd outside it, climb, chroot ".".
      const breakout = [
        'mkdir "/jail"',
        'chroot "/jail" or die "chroot: $!"',
        'chdir ".." for 1..64',
        'chroot "." or die "chroot2: $!"',
        `print -e "${hostFile}" ? "HOST-FILE-"."VISIBLE\\n" : "no host "."file\\n"`,
        'print -e "/inside-marker" ? "STILL-"."INSIDE\\n" : "LEFT-THE-"."IMAGE\\n"',
      ].join("; ");
      const { outcome, text } = await build(
        "escape",
        `FROM debian:bookworm\nRUN echo x > /inside-marker && perl -e '${breakout}'\n`,
      );
      expect(outcome.status).toBe("Succeeded");
      expect(text).toContain("STILL-INSIDE");
      expect(text).toContain("no host file");
      expect(text).not.toContain("HOST-FILE-VISIBLE");
      expect(text).not.toContain(hostSecret);
      expect(await readFile(hostFile, "utf8")).toBe(`${hostSecret}\n`);
    },
    BUILD_TIMEOUT_MS,
  );

  it(
    "cannot read the service's data directory",
    async () => {
      const { outcome, text } = await build(
        "data-dir",
        `FROM busybox\nRUN cat ${hostFile} || echo DEN""IED; ls ${system.dataDir} || echo NO-DATA""-DIR\n`,
      );
      expect(outcome.status).toBe("Succeeded");
      expect(text).toContain("DENIED");
      expect(text).toContain("NO-DATA-DIR");
      expect(text).not.toContain(hostSecret);
    },
    BUILD_TIMEOUT_MS,
  );

  it(
    "sees no host process and cannot signal one; the host process lives on",
    async () => {
      const marker = String(3_600 + Math.floor(Math.random() * 1_000));
      const sleeper = spawn("sleep", [marker], { stdio: "ignore" });
      try {
        const pid = sleeper.pid;
        const { outcome, text } = await build(
          "processes",
          `FROM busybox\nRUN ps -o pid,args; echo "pids: $(ls -d /proc/[0-9]* | wc -l)"; kill -9 ${pid} && echo KIL""LED || echo NO-SUCH""-PROCESS\n`,
        );
        expect(outcome.status).toBe("Succeeded");
        expect(text).not.toContain(`sleep ${marker}`);
        expect(text).toContain("NO-SUCH-PROCESS");
        expect(text).not.toContain("KILLED");
        // Only the step's own shell and its children.
        expect(Number(/pids: (\d+)/.exec(text)?.[1])).toBeLessThan(10);
        expect(sleeper.exitCode).toBeNull();
        expect(() => process.kill(pid ?? 0, 0)).not.toThrow();
      } finally {
        sleeper.kill("SIGKILL");
      }
    },
    BUILD_TIMEOUT_MS,
  );

  it(
    "cannot read a concurrent build's files through /proc",
    async () => {
      const secret = `other-build-${randomBytes(8).toString("hex")}`;
      const victim = build(
        "victim",
        `FROM busybox\nRUN echo ${secret} > /victim-file && echo VICTIM""-READY && sleep 15\n`,
      );
      // Give the victim time to reach its sleep; the thief then looks through every /proc it can see.
      await new Promise((done) => setTimeout(done, 6_000));
      const thief = await build(
        "thief",
        'FROM busybox\nRUN for p in /proc/[0-9]*; do cat $p/root/victim-file 2>/dev/null; done; echo THIEF""-DONE\n',
      );
      const { outcome: victimOutcome, text: victimText } = await victim;
      expect(victimOutcome.status).toBe("Succeeded");
      expect(victimText).toContain("VICTIM-READY");
      expect(thief.outcome.status).toBe("Succeeded");
      expect(thief.text).toContain("THIEF-DONE");
      expect(thief.text).not.toContain(secret);
    },
    BUILD_TIMEOUT_MS,
  );

  it(
    "cannot connect to the service API or the registry over loopback",
    async () => {
      const registryPort = system.registry.host.split(":")[1];
      const targets = [
        `127.0.0.1 ${apiPort}`,
        `localhost ${apiPort}`,
        `10.0.2.2 ${apiPort}`,
        `127.0.0.1 ${registryPort}`,
        `10.0.2.2 ${registryPort}`,
      ];
      const probes = targets
        .map(
          (t) =>
            `printf 'POST /v2/planted/blobs/uploads/ HTTP/1.0\\r\\n\\r\\n' | timeout 5 nc ${t} | grep -q HTTP && echo "REACH""ED ${t}" || echo "ref""used ${t}"`,
        )
        .join("; ");
      const before = await (await fetch(`${system.registry.url}/v2/_catalog`)).text();
      const { outcome, text } = await build("loopback", `FROM busybox\nRUN ${probes}\n`);
      expect(outcome.status).toBe("Succeeded");
      for (const t of targets) expect(text).toContain(`refused ${t}`);
      expect(text).not.toContain("REACHED");
      expect(apiRequests).toBe(0);
      const after = await (await fetch(`${system.registry.url}/v2/_catalog`)).text();
      expect(after.includes("planted")).toBe(false);
      expect(JSON.parse(after).repositories).toEqual(
        expect.arrayContaining(JSON.parse(before).repositories),
      );
    },
    BUILD_TIMEOUT_MS,
  );

  it(
    "gets none of the service's environment: a secret there reaches no RUN step",
    async () => {
      const secret = `svc-secret-${randomBytes(8).toString("hex")}`;
      process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = secret;
      try {
        const { outcome, text } = await build(
          "environment",
          "FROM busybox\nRUN env | rev; cat /proc/*/environ 2>/dev/null | tr '\\0' '\\n' | rev; ls /run/secrets 2>&1 | rev\n",
        );
        expect(outcome.status).toBe("Succeeded");
        const reversed = [...secret].reverse().join("");
        expect(text).not.toContain(reversed);
        expect(text).not.toContain(secret);
      } finally {
        delete process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
      }
    },
    BUILD_TIMEOUT_MS,
  );

  it(
    "builds specs/debian-tools, whose apt-get install reaches the network",
    async () => {
      const dockerfile = await readFile(
        new URL("../../../../specs/debian-tools/Dockerfile", import.meta.url),
        "utf8",
      );
      const { outcome, text } = await build("debian-tools", dockerfile);
      expect(outcome.status, text.split("\n").slice(-20).join("\n")).toBe("Succeeded");
      expect(text).toMatch(/Setting up curl/);
    },
    BUILD_TIMEOUT_MS,
  );
});

describe("a machine without isolated networking", () => {
  let dir = "";
  let bin = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "imagebuild-noiso-"));
    // A PATH with runc and unshare but no slirp4netns.
    bin = join(dir, "bin");
    await mkdir(bin);
    await symlink("/usr/sbin/runc", join(bin, "runc"));
    await symlink("/usr/bin/unshare", join(bin, "unshare"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const logger = () => {
    const lines: string[] = [];
    const log: Logger = {
      info: (msg) => lines.push(`info ${msg}`),
      warn: (msg) => lines.push(`warn ${msg}`),
      error: (msg) => lines.push(`error ${msg}`),
      child: () => log,
    };
    return { lines, log };
  };

  it("refuses every build, naming the cause and the opt-out flag", async () => {
    const { lines, log } = logger();
    const isolation = await prepareBuildIsolation({
      dataDir: dir,
      log,
      searchPath: bin,
      extraDirs: [],
    });
    expect(isolation).toMatchObject({
      network: "unavailable",
      reason: expect.stringMatching(/slirp4netns is not installed.*--insecure-host-network/),
    });
    expect(lines).toContainEqual(expect.stringMatching(/^error builds are refused/));
    const outcome = await runBuild({
      dockerfile: "FROM busybox\nRUN touch /should-not-run\n",
      imageUri: "127.0.0.1:1/refused/app:1.0",
      overwriteTag: true,
      environment: {
        registriesConf: "",
        signaturePolicy: "",
        imageStorages: join(dir, "images"),
        storageDriver: "vfs",
        env: {},
      },
      isolation,
      registry: {
        host: "127.0.0.1:1",
        url: "http://127.0.0.1:1",
        hasManifest: async () => false,
        stop: async () => {},
      },
      workDir: join(dir, "jobs", "refused"),
    });
    expect(outcome).toMatchObject({
      status: "Failed",
      reasonCode: "EnvPrepareFailed",
      reasonMessage: expect.stringContaining("builds are refused on this machine"),
    });
  });

  it("builds on the host's network only with the opt-out, logged as an error", async () => {
    const { lines, log } = logger();
    const isolation = await prepareBuildIsolation({
      dataDir: dir,
      allowHostNetwork: true,
      log,
      searchPath: bin,
      extraDirs: [],
    });
    expect(isolation).toMatchObject({ network: "host", runtime: join(bin, "runc") });
    expect(lines).toContainEqual(expect.stringMatching(/^error INSECURE: --insecure-host-network/));
  });

  it("refuses when a folder above the data directory hides it from the build's user namespace", async () => {
    const closed = await mkdtemp(join(tmpdir(), "imagebuild-closed-"));
    try {
      const isolation = await prepareBuildIsolation({ dataDir: join(closed, "data") });
      expect(isolation).toMatchObject({
        network: "unavailable",
        reason: expect.stringContaining(`chmod o+x ${closed}`),
      });
    } finally {
      await rm(closed, { recursive: true, force: true });
    }
  });
});
