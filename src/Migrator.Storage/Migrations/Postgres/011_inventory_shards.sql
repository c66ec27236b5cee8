-- Runs written in parts: a run is stored cluster by cluster as it is collected (status Running until it completes),
-- and a sharded run (the worker's inventory split per account and region into jobs any clustered worker may take)
-- has one row per shard here. A shard's rows and its 'done' are committed in one transaction, so a shard is stored
-- exactly once however often its job is re-run (Quartz recovery). PostgreSQL version of ../011_inventory_shards.sql.
CREATE TABLE inventory_shards (
    run_id       BIGINT  NOT NULL REFERENCES inventory_runs (run_id) ON DELETE CASCADE,
    shard        BIGINT  NOT NULL,
    account_id   TEXT    NOT NULL,
    region       TEXT    NOT NULL,
    account_level BIGINT  NOT NULL,
    status       TEXT    NOT NULL,
    worker       TEXT,
    attempts     BIGINT  NOT NULL,
    started_at   TEXT,
    completed_at TEXT,
    error        TEXT,
    PRIMARY KEY (run_id, shard)
);

-- Parts of one run may name the same note or error (two regions of an account): appended once, found by these (and
-- roles by ix_inventory_roles_arn).
CREATE INDEX ix_inventory_errors_key ON inventory_errors (run_id, scope, target, operation);
CREATE INDEX ix_inventory_notes_key ON inventory_notes (run_id, scope, target, operation);
