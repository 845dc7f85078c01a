/** The SQLite schema, as an ordered list of migrations applied once each (tracked by `user_version`). */

/** Migration n (1-based) moves the database from `user_version` n-1 to n. Append only; never edit one. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

  CREATE TABLE builds (
    image_build_id TEXT PRIMARY KEY,
    job_id TEXT NOT NULL UNIQUE,
    workspace_id TEXT NOT NULL,
    access_key_id TEXT NOT NULL,
    -- the request without BuildConfig.RegistryAuths: credentials are never written to disk
    request_json TEXT NOT NULL,
    created_at TEXT NOT NULL
  );

  CREATE TABLE jobs (
    job_id TEXT PRIMARY KEY,
    image_build_id TEXT NOT NULL,
    display_name TEXT NOT NULL,
    workspace_id TEXT NOT NULL,
    status TEXT NOT NULL,
    reason_code TEXT,
    reason_message TEXT,
    gmt_create_time TEXT NOT NULL,
    gmt_running_time TEXT,
    gmt_finish_time TEXT,
    image_id TEXT,
    seq INTEGER NOT NULL
  );
  CREATE INDEX jobs_status ON jobs (status, seq);

  CREATE TABLE job_status_history (
    job_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    status TEXT NOT NULL,
    time TEXT NOT NULL,
    reason_code TEXT,
    reason_message TEXT,
    PRIMARY KEY (job_id, position)
  );

  CREATE TABLE images (
    image_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT,
    image_uri TEXT NOT NULL,
    accessibility TEXT,
    workspace_id TEXT NOT NULL,
    user_id TEXT,
    parent_user_id TEXT,
    size INTEGER,
    source_id TEXT,
    source_type TEXT,
    gmt_create_time TEXT NOT NULL,
    gmt_modified_time TEXT NOT NULL,
    seq INTEGER NOT NULL
  );
  CREATE UNIQUE INDEX images_workspace_name ON images (workspace_id, name);
  CREATE INDEX images_seq ON images (seq);

  CREATE TABLE image_labels (
    image_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (image_id, position)
  );
  CREATE INDEX image_labels_key_value ON image_labels (key, value);

  CREATE TABLE client_tokens (
    access_key_id TEXT NOT NULL,
    action TEXT NOT NULL,
    token TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    response_json TEXT NOT NULL,
    expires_at_ms INTEGER NOT NULL,
    PRIMARY KEY (access_key_id, action, token)
  );
  CREATE INDEX client_tokens_expiry ON client_tokens (expires_at_ms);

  CREATE TABLE nonces (
    nonce TEXT PRIMARY KEY,
    expires_at_ms INTEGER NOT NULL
  );
  CREATE INDEX nonces_expiry ON nonces (expires_at_ms);
  `,
  // ListImages pages in creation order per workspace without sorting, and label filters look up
  // matching images once instead of probing the labels of every image.
  `
  CREATE INDEX images_workspace_created ON images (workspace_id, gmt_create_time, seq);
  CREATE INDEX images_created ON images (gmt_create_time, seq);
  CREATE INDEX image_labels_image ON image_labels (image_id, key, value);
  `,
  // What started a build (x-imagebuild-trigger), for the console; NULL for builds that did not say.
  `
  ALTER TABLE builds ADD COLUMN trigger TEXT;
  `,
];
