-- The migration scope (issue 13): the identities the migration answers for, fixed when the first plan is created and
-- changed afterwards only on purpose. One row per membership period: an identity removed and added again has two.
-- A membership counts for runs from_run_id <= run < until_run_id. Times are UTC ISO-8601 text.
CREATE TABLE migration_scope (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    plan_id  TEXT    NOT NULL,
    run_id   INTEGER NOT NULL,
    fixed_at TEXT    NOT NULL
);

CREATE TABLE migration_scope_members (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id      TEXT    NOT NULL,
    region          TEXT    NOT NULL,
    cluster_name    TEXT    NOT NULL,
    namespace       TEXT    NOT NULL,
    service_account TEXT    NOT NULL,
    origin          TEXT    NOT NULL,
    plan_id         TEXT,
    from_run_id     INTEGER NOT NULL,
    added_at        TEXT    NOT NULL,
    added_by        TEXT    NOT NULL,
    removed_at      TEXT,
    removed_by      TEXT,
    removal_reason  TEXT,
    until_run_id    INTEGER
);

CREATE UNIQUE INDEX migration_scope_members_active
    ON migration_scope_members (account_id, region, cluster_name, namespace, service_account) WHERE removed_at IS NULL;
