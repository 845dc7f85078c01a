/** The workspace image list in SQLite: AddImage, GetImage, ListImages (filters, paging, order), RemoveImage. */
import type { Accessibility, Label, WorkspaceImage } from "@imagebuild/schema";
import type { Statement } from "better-sqlite3";
import { newImageId } from "../ids.ts";
import type { Db } from "./open-database.ts";

/** One image to add; `imageId` is generated when absent. */
export interface NewImage {
  imageId?: string | undefined;
  name: string;
  imageUri: string;
  workspaceId: string;
  description?: string | undefined;
  labels?: Label[] | undefined;
  accessibility?: Accessibility | undefined;
  userId?: string | undefined;
  size?: number | undefined;
  sourceType?: "Import" | "Build" | undefined;
  sourceId?: string | undefined;
}

/** How many distinct ListImages queries are answered from memory between two writes. */
const LIST_CACHE_ENTRIES = 256;

/** The ListImages filters, already parsed (pai-api.md §2). */
export interface ImageFilter {
  workspaceId?: string | undefined;
  name?: string | undefined;
  query?: string | undefined;
  labels?: Label[] | undefined;
  accessibility?: Accessibility | undefined;
  imageUri?: string | undefined;
  verbose: boolean;
  pageNumber: number;
  pageSize: number;
  order: "ASC" | "DESC";
}

/**
 * Thrown by `add` when the workspace already has an image of that name (or that id).
 *
 * @example
 * try { images.add(image) } catch (e) { if (e.code === "IMAGE_EXISTS") console.error(e.field) }
 */
export class ImageExistsError extends Error {
  override readonly name = "ImageExistsError";
  readonly code = "IMAGE_EXISTS";
  readonly field: "Name" | "ImageId";
  constructor({
    field,
    value,
    workspaceId,
  }: { field: "Name" | "ImageId"; value: string; workspaceId: string }) {
    super(`an image with ${field} "${value}" already exists in workspace ${workspaceId}`);
    this.field = field;
  }
}

interface ImageRow {
  image_id: string;
  name: string;
  description: string | null;
  image_uri: string;
  accessibility: string | null;
  workspace_id: string;
  user_id: string | null;
  parent_user_id: string | null;
  size: number | null;
  source_id: string | null;
  source_type: string | null;
  gmt_create_time: string;
  gmt_modified_time: string;
}

/**
 * The image store's operations; every one is a single synchronous SQLite statement or transaction.
 *
 * @example
 * createImageStore({ db }).get("image-4c62abcdefghij53uo")?.Name
 */
export interface ImageStore {
  add(image: NewImage): WorkspaceImage;
  /** Adds the image a build produced, or updates the workspace's image of that name (a rebuild). */
  upsertBuilt(image: NewImage & { sourceId: string }): WorkspaceImage;
  get(imageId: string): WorkspaceImage | undefined;
  /** The result is shared with later calls until the next write: read it, do not change it. */
  list(filter: ImageFilter): { totalCount: number; images: readonly WorkspaceImage[] };
  remove(imageId: string): boolean;
  /** Sets each label: a Key the image has gets the new Value, a new Key is appended (AddImageLabels). */
  addLabels(imageId: string, labels: readonly Label[]): void;
  /** Removes the label with this Key; false when the image had none (RemoveImageLabels). */
  removeLabel(imageId: string, key: string): boolean;
  /** Sets Accessibility to PUBLIC (PublishImage). */
  publish(imageId: string): void;
}

/**
 * Creates the image store over an open database.
 *
 * @example
 * const images = createImageStore({ db });
 * const { ImageId } = images.add({ name: "tools", imageUri: "127.0.0.1:5000/a/tools:1", workspaceId: "1" });
 */
export function createImageStore({ db }: { db: Db }): ImageStore {
  const insert = db.prepare(
    `INSERT INTO images (image_id, name, description, image_uri, accessibility, workspace_id, user_id,
       size, source_id, source_type, gmt_create_time, gmt_modified_time, seq)
     VALUES (@image_id, @name, @description, @image_uri, @accessibility, @workspace_id, @user_id,
       @size, @source_id, @source_type, @now, @now, (SELECT coalesce(max(seq), 0) + 1 FROM images))`,
  );
  const insertLabel = db.prepare(
    "INSERT INTO image_labels (image_id, position, key, value) VALUES (?, ?, ?, ?)",
  );
  const deleteLabels = db.prepare("DELETE FROM image_labels WHERE image_id = ?");
  const selectOne = db.prepare("SELECT * FROM images WHERE image_id = ?");
  const selectByName = db.prepare("SELECT * FROM images WHERE workspace_id = ? AND name = ?");
  const selectLabels = db.prepare(
    "SELECT key, value FROM image_labels WHERE image_id = ? ORDER BY position",
  );
  const deleteOne = db.prepare("DELETE FROM images WHERE image_id = ?");
  const updateBuilt = db.prepare(
    `UPDATE images SET description = @description, image_uri = @image_uri, accessibility = @accessibility,
       size = @size, source_id = @source_id, source_type = @source_type, user_id = @user_id,
       gmt_modified_time = @now WHERE image_id = @image_id`,
  );
  const updateLabelValue = db.prepare(
    "UPDATE image_labels SET value = ? WHERE image_id = ? AND key = ?",
  );
  const appendLabel = db.prepare(
    `INSERT INTO image_labels (image_id, position, key, value)
     VALUES (?, (SELECT coalesce(max(position), -1) + 1 FROM image_labels WHERE image_id = ?), ?, ?)`,
  );
  const deleteLabel = db.prepare("DELETE FROM image_labels WHERE image_id = ? AND key = ?");
  const touch = db.prepare("UPDATE images SET gmt_modified_time = ? WHERE image_id = ?");
  const updatePublic = db.prepare(
    "UPDATE images SET accessibility = 'PUBLIC', gmt_modified_time = ? WHERE image_id = ?",
  );
  const statements = new Map<string, Statement<unknown[]>>();
  const prepared = (sql: string): Statement<unknown[]> => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare<unknown[]>(sql);
      statements.set(sql, statement);
    }
    return statement;
  };

  const labelsOf = (imageId: string): Label[] =>
    (selectLabels.all(imageId) as { key: string; value: string }[]).map((l) => ({
      Key: l.key,
      Value: l.value,
    }));
  const writeLabels = (imageId: string, labels: Label[] = []) => {
    deleteLabels.run(imageId);
    labels.forEach((label, position) => {
      insertLabel.run(imageId, position, label.Key, label.Value ?? "");
    });
  };
  const read = (imageId: string): WorkspaceImage | undefined => {
    const row = selectOne.get(imageId) as ImageRow | undefined;
    return row ? toImage(row, labelsOf(row.image_id)) : undefined;
  };
  const rowParams = (image: NewImage, imageId: string) => ({
    image_id: imageId,
    name: image.name,
    description: image.description ?? null,
    image_uri: image.imageUri,
    accessibility: image.accessibility ?? "PRIVATE",
    workspace_id: image.workspaceId,
    user_id: image.userId ?? null,
    size: image.size ?? null,
    source_id: image.sourceId ?? null,
    source_type: image.sourceType ?? "Import",
    now: new Date().toISOString(),
  });

  const add = db.transaction((image: NewImage): WorkspaceImage => {
    const imageId = image.imageId ?? newImageId();
    if (selectOne.get(imageId)) {
      throw new ImageExistsError({
        field: "ImageId",
        value: imageId,
        workspaceId: image.workspaceId,
      });
    }
    if (selectByName.get(image.workspaceId, image.name)) {
      throw new ImageExistsError({
        field: "Name",
        value: image.name,
        workspaceId: image.workspaceId,
      });
    }
    insert.run(rowParams(image, imageId));
    writeLabels(imageId, image.labels);
    return read(imageId) as WorkspaceImage;
  });

  const upsertBuilt = db.transaction((image: NewImage & { sourceId: string }): WorkspaceImage => {
    const existing = selectByName.get(image.workspaceId, image.name) as ImageRow | undefined;
    if (!existing) return add({ ...image, sourceType: "Build" });
    updateBuilt.run({ ...rowParams({ ...image, sourceType: "Build" }, existing.image_id) });
    writeLabels(existing.image_id, image.labels);
    return read(existing.image_id) as WorkspaceImage;
  });

  const query = (filter: ImageFilter) => {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.workspaceId !== undefined) {
      where.push("workspace_id = ?");
      params.push(filter.workspaceId);
    }
    if (filter.name !== undefined) {
      where.push("name LIKE ? ESCAPE '\\'");
      params.push(toLikePattern(filter.name));
    }
    if (filter.query !== undefined) {
      where.push("(name LIKE ? ESCAPE '\\' OR coalesce(description, '') LIKE ? ESCAPE '\\')");
      params.push(toLikePattern(filter.query), toLikePattern(filter.query));
    }
    for (const label of filter.labels ?? []) {
      where.push("image_id IN (SELECT image_id FROM image_labels WHERE key = ? AND value = ?)");
      params.push(label.Key, label.Value ?? "");
    }
    if (filter.accessibility !== undefined) {
      where.push("accessibility = ?");
      params.push(filter.accessibility);
    }
    if (filter.imageUri !== undefined) {
      where.push("image_uri = ?");
      params.push(filter.imageUri);
    }
    const clause = where.length > 0 ? `WHERE ${where.join(" AND ")}` : "";
    const { n } = prepared(`SELECT count(*) AS n FROM images ${clause}`).get(...params) as {
      n: number;
    };
    const direction = filter.order === "DESC" ? "DESC" : "ASC";
    const rows = prepared(
      `SELECT * FROM images ${clause} ORDER BY gmt_create_time ${direction}, seq ${direction} LIMIT ? OFFSET ?`,
    ).all(...params, filter.pageSize, (filter.pageNumber - 1) * filter.pageSize) as ImageRow[];
    return {
      totalCount: n,
      images: rows.map((row) => toImage(row, filter.verbose ? labelsOf(row.image_id) : undefined)),
    };
  };

  // This process is the only writer of the database, so a write is the only thing that can change a
  // listing: list results are kept in memory until the next write (ListImages is the hot read path).
  const listCache = new Map<string, { totalCount: number; images: WorkspaceImage[] }>();
  const list = (filter: ImageFilter) => {
    const key = JSON.stringify(filter);
    let result = listCache.get(key);
    if (!result) {
      result = query(filter);
      if (listCache.size >= LIST_CACHE_ENTRIES) listCache.clear();
      listCache.set(key, result);
    }
    return result;
  };
  const written =
    <A extends unknown[], R>(write: (...args: A) => R) =>
    (...args: A): R => {
      listCache.clear();
      return write(...args);
    };

  return {
    add: written((image: NewImage) => add(image)),
    upsertBuilt: written((image: NewImage & { sourceId: string }) => upsertBuilt(image)),
    get: read,
    list,
    remove: written(
      db.transaction((imageId: string) => {
        deleteLabels.run(imageId);
        return deleteOne.run(imageId).changes > 0;
      }),
    ),
    addLabels: written(
      db.transaction((imageId: string, labels: readonly Label[]) => {
        for (const { Key, Value = "" } of labels) {
          if (updateLabelValue.run(Value, imageId, Key).changes === 0) {
            appendLabel.run(imageId, imageId, Key, Value);
          }
        }
        touch.run(new Date().toISOString(), imageId);
      }),
    ),
    removeLabel: written(
      db.transaction((imageId: string, key: string) => {
        const removed = deleteLabel.run(imageId, key).changes > 0;
        if (removed) touch.run(new Date().toISOString(), imageId);
        return removed;
      }),
    ),
    publish: written((imageId: string) => {
      updatePublic.run(new Date().toISOString(), imageId);
    }),
  };
}

/**
 * PAI's fuzzy Name and Query match substrings; `*` is also accepted as a wildcard.
 *
 * @example
 * toLikePattern("torch*2") // "%torch%2%"
 */
export function toLikePattern(text: string): string {
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`).replace(/\*/g, "%");
  return `%${escaped}%`;
}

function toImage(row: ImageRow, labels: Label[] | undefined): WorkspaceImage {
  const image: WorkspaceImage = {
    ImageId: row.image_id,
    Name: row.name,
    Description: row.description ?? "",
    ImageUri: row.image_uri,
    WorkspaceId: row.workspace_id,
  };
  if (labels !== undefined) image.Labels = labels;
  if (row.accessibility) image.Accessibility = row.accessibility as Accessibility;
  if (row.user_id) image.UserId = row.user_id;
  if (row.parent_user_id) image.ParentUserId = row.parent_user_id;
  if (row.size !== null) image.Size = row.size;
  if (row.source_id) image.SourceId = row.source_id;
  if (row.source_type) image.SourceType = row.source_type as "Import" | "Build";
  image.GmtCreateTime = row.gmt_create_time;
  image.GmtModifiedTime = row.gmt_modified_time;
  return image;
}
