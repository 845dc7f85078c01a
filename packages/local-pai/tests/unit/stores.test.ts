/** The SQLite stores: database, ClientTokens, nonces and jobs. */
import type { CreateImageBuildRequest } from "@imagebuild/schema";
import { afterEach, describe, expect, it } from "vitest";
import { canonicalJson } from "@imagebuild/pai-client";
import { createClientTokenStore } from "../../src/store/client-token-store.ts";
import { createImageStore } from "../../src/store/image-store.ts";
import { createJobStore, SERVICE_RESTARTED } from "../../src/store/job-store.ts";
import { createNonceStore } from "../../src/store/nonce-store.ts";
import { MIGRATIONS } from "../../src/store/migrations.ts";
import { type Db, openDatabase } from "../../src/store/open-database.ts";
import { buildRequest, tempDataDir } from "../fixtures/service-harness.ts";

const opened: { db: Db; cleanup: () => void }[] = [];
afterEach(() => {
  for (const { db, cleanup } of opened.splice(0)) {
    if (db.open) db.close();
    cleanup();
  }
});

function database() {
  const temp = tempDataDir();
  const db = openDatabase({ dataDir: temp.dataDir });
  opened.push({ db, cleanup: temp.cleanup });
  return { db, dataDir: temp.dataDir };
}

describe("openDatabase", () => {
  it("uses WAL and applies the migrations once", () => {
    const { db, dataDir } = database();
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    db.close();
    const again = openDatabase({ dataDir });
    expect(again.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    again.close();
  });
});

describe("client token store", () => {
  const key = { accessKeyId: "ak", action: "CreateImageBuild", token: "t" };

  it("creates once, replays for the same hash, and reports a mismatch for another", () => {
    const { db } = database();
    const tokens = createClientTokenStore({ db });
    let created = 0;
    const create = () => ({ id: ++created });
    const hash = tokens.hashRequest({ a: 1, b: [2] });
    expect(tokens.claim(key, hash, create)).toEqual({ kind: "created", response: { id: 1 } });
    expect(tokens.claim(key, tokens.hashRequest({ b: [2], a: 1 }), create)).toEqual({
      kind: "replayed",
      response: { id: 1 },
    });
    expect(tokens.claim(key, tokens.hashRequest({ a: 2 }), create)).toEqual({ kind: "mismatch" });
    expect(tokens.claim({ ...key, accessKeyId: "other" }, hash, create).kind).toBe("created");
    expect(created).toBe(2);
  });

  it("forgets a token after its time to live", () => {
    const { db } = database();
    let now = 1_000;
    const tokens = createClientTokenStore({ db, ttlMs: 100, now: () => now });
    const hash = tokens.hashRequest({});
    tokens.claim(key, hash, () => "first");
    now += 99;
    expect(tokens.peek(key, hash)?.kind).toBe("replayed");
    now += 2;
    expect(tokens.peek(key, hash)).toBeUndefined();
    expect(tokens.claim(key, tokens.hashRequest({ other: 1 }), () => "second")).toEqual({
      kind: "created",
      response: "second",
    });
    now += 1_000;
    expect(tokens.purgeExpired()).toBe(1);
  });

  it("rolls back the created rows when create throws", () => {
    const { db } = database();
    const tokens = createClientTokenStore({ db });
    expect(() =>
      tokens.claim(key, "h", () => {
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(tokens.peek(key, "h")).toBeUndefined();
  });

  it("sorts keys at every level in canonical JSON", () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }], u: undefined })).toBe(
      '{"a":[{"c":3,"d":2}],"b":1}',
    );
  });
});

describe("nonce store", () => {
  it("accepts a nonce once until it expires", () => {
    const { db } = database();
    let now = 0;
    const nonces = createNonceStore({ db, ttlMs: 10, now: () => now });
    expect(nonces.use("n")).toBe(true);
    expect(nonces.use("n")).toBe(false);
    now = 11;
    expect(nonces.use("n")).toBe(true);
  });
});

describe("job store", () => {
  it("records transitions with times, refuses to leave a terminal status, and fails interrupted jobs on restart", () => {
    const { db } = database();
    const jobs = createJobStore({ db });
    const request = buildRequest() as CreateImageBuildRequest;
    jobs.insertBuild({
      imageBuildId: "build-1",
      jobId: "dlc-1",
      accessKeyId: "anonymous",
      request,
    });
    jobs.insertBuild({
      imageBuildId: "build-2",
      jobId: "dlc-2",
      accessKeyId: "anonymous",
      request,
    });
    jobs.transition("dlc-1", "Queuing");
    jobs.transition("dlc-1", "EnvPreparing");
    jobs.transition("dlc-1", "Running");
    jobs.transition("dlc-2", "Queuing");
    jobs.transition("dlc-2", "Stopped", { reasonCode: "JobStoppedByUser", reasonMessage: "stop" });
    expect(jobs.transition("dlc-2", "Running")).toBe(false);
    expect(jobs.get("dlc-1")?.GmtRunningTime).toBeDefined();

    expect(jobs.failInterrupted()).toEqual(["dlc-1"]);
    const job = jobs.get("dlc-1");
    expect(job).toMatchObject({
      Status: "Failed",
      ReasonCode: SERVICE_RESTARTED,
      JobType: "ImageBuild",
    });
    expect(job?.ReasonMessage).toMatch(/while the job was Running/);
    expect(job?.StatusHistory?.map((h) => h.Status)).toEqual([
      "Creating",
      "Queuing",
      "EnvPreparing",
      "Running",
      "Failed",
    ]);
    expect(jobs.get("dlc-2")?.Status).toBe("Stopped");
    expect(jobs.requestOf("dlc-1")?.imageBuildId).toBe("build-1");
  });
});

describe("image store", () => {
  it("filters by workspace, name, query, labels, accessibility and uri; pages and orders", () => {
    const { db } = database();
    const images = createImageStore({ db });
    for (let i = 1; i <= 25; i++) {
      images.add({
        name: `img-${String(i).padStart(2, "0")}`,
        imageUri: `127.0.0.1:5000/team/img:${i}`,
        workspaceId: i % 5 === 0 ? "other" : "12345",
        description: i === 7 ? "the lucky one" : undefined,
        labels: [
          { Key: "system.chipType", Value: i % 2 === 0 ? "GPU" : "CPU" },
          { Key: "system.official", Value: "false" },
        ],
        accessibility: i === 3 ? "PUBLIC" : undefined,
      });
    }
    const base = { verbose: false, pageNumber: 1, pageSize: 20, order: "ASC" as const };
    expect(images.list({ ...base, workspaceId: "12345" }).totalCount).toBe(20);
    const page2 = images.list({ ...base, workspaceId: "12345", pageSize: 8, pageNumber: 2 });
    expect(page2.images.map((i) => i.Name)).toEqual([
      "img-11",
      "img-12",
      "img-13",
      "img-14",
      "img-16",
      "img-17",
      "img-18",
      "img-19",
    ]);
    expect(page2.images[0]?.Labels).toBeUndefined();
    const desc = images.list({ ...base, order: "DESC", pageSize: 1, verbose: true });
    expect(desc.images[0]?.Name).toBe("img-25");
    expect(desc.images[0]?.Labels).toEqual([
      { Key: "system.chipType", Value: "CPU" },
      { Key: "system.official", Value: "false" },
    ]);
    expect(images.list({ ...base, name: "img-1" }).totalCount).toBe(10);
    expect(images.list({ ...base, name: "img-*5" }).totalCount).toBe(3);
    expect(images.list({ ...base, query: "lucky" }).images.map((i) => i.Name)).toEqual(["img-07"]);
    const gpu = images.list({
      ...base,
      workspaceId: "12345",
      labels: [
        { Key: "system.chipType", Value: "GPU" },
        { Key: "system.official", Value: "false" },
      ],
    });
    expect(gpu.totalCount).toBe(10);
    expect(images.list({ ...base, accessibility: "PUBLIC" }).totalCount).toBe(1);
    expect(images.list({ ...base, imageUri: "127.0.0.1:5000/team/img:4" }).totalCount).toBe(1);
    expect(images.list({ ...base, name: "100%_" }).totalCount).toBe(0);
  });

  it("refuses a duplicate name in a workspace, and updates the image on a rebuild", () => {
    const { db } = database();
    const images = createImageStore({ db });
    const first = images.add({ name: "a", imageUri: "h/r/a:1", workspaceId: "w" });
    expect(() => images.add({ name: "a", imageUri: "h/r/a:2", workspaceId: "w" })).toThrow(
      /already exists/,
    );
    const rebuilt = images.upsertBuilt({
      name: "a",
      imageUri: "h/r/a:1",
      workspaceId: "w",
      sourceId: "build-2",
      size: 9,
    });
    expect(rebuilt).toMatchObject({
      ImageId: first.ImageId,
      SourceType: "Build",
      SourceId: "build-2",
      Size: 9,
    });
    expect(images.remove(first.ImageId)).toBe(true);
    expect(images.get(first.ImageId)).toBeUndefined();
  });
});
