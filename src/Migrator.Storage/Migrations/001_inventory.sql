-- Inventory runs and their snapshots. Every child row keeps its position in the snapshot (seq) so a stored
-- snapshot loads back exactly as it was saved. Times are UTC ISO-8601 text; raw maps and lists are JSON text.

CREATE TABLE inventory_runs (
    run_id            INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at        TEXT    NOT NULL,
    completed_at      TEXT,
    status            TEXT    NOT NULL,
    cluster_count     INTEGER NOT NULL,
    binding_count     INTEGER NOT NULL,
    pod_count         INTEGER NOT NULL,
    role_count        INTEGER NOT NULL,
    association_count INTEGER NOT NULL,
    error_count       INTEGER NOT NULL
);

CREATE TABLE inventory_clusters (
    run_id                     INTEGER NOT NULL REFERENCES inventory_runs (run_id) ON DELETE CASCADE,
    seq                        INTEGER NOT NULL,
    account_id                 TEXT    NOT NULL,
    region                     TEXT    NOT NULL,
    name                       TEXT    NOT NULL,
    kubernetes_version         TEXT    NOT NULL,
    platform_version           TEXT    NOT NULL,
    oidc_issuer                TEXT,
    auto_mode                  INTEGER NOT NULL,
    endpoint                   TEXT    NOT NULL,
    pod_identity_agent_status  TEXT,
    pod_identity_agent_version TEXT,
    association_count          INTEGER NOT NULL,
    node_counts                TEXT    NOT NULL,
    node_role_arns             TEXT    NOT NULL,
    fargate_profiles           TEXT    NOT NULL,
    collection_error           TEXT,
    PRIMARY KEY (run_id, seq)
);

CREATE TABLE inventory_service_accounts (
    run_id                INTEGER NOT NULL REFERENCES inventory_runs (run_id) ON DELETE CASCADE,
    seq                   INTEGER NOT NULL,
    account_id            TEXT    NOT NULL,
    region                TEXT    NOT NULL,
    cluster               TEXT    NOT NULL,
    namespace             TEXT    NOT NULL,
    name                  TEXT    NOT NULL,
    role_arn              TEXT,
    annotations           TEXT    NOT NULL,
    labels                TEXT    NOT NULL,
    resource_version      TEXT,
    annotation_changed_at TEXT,
    PRIMARY KEY (run_id, seq)
);
CREATE INDEX ix_inventory_service_accounts_role ON inventory_service_accounts (run_id, role_arn);

CREATE TABLE inventory_workloads (
    run_id              INTEGER NOT NULL REFERENCES inventory_runs (run_id) ON DELETE CASCADE,
    seq                 INTEGER NOT NULL,
    account_id          TEXT    NOT NULL,
    region              TEXT    NOT NULL,
    cluster             TEXT    NOT NULL,
    namespace           TEXT    NOT NULL,
    kind                TEXT    NOT NULL,
    name                TEXT    NOT NULL,
    service_account     TEXT    NOT NULL,
    replicas            INTEGER NOT NULL,
    ready_replicas      INTEGER NOT NULL,
    template_placement  TEXT    NOT NULL,
    images              TEXT    NOT NULL,
    hard_coded_aws_env  TEXT    NOT NULL,
    PRIMARY KEY (run_id, seq)
);

CREATE TABLE inventory_pods (
    run_id             INTEGER NOT NULL REFERENCES inventory_runs (run_id) ON DELETE CASCADE,
    seq                INTEGER NOT NULL,
    account_id         TEXT    NOT NULL,
    region             TEXT    NOT NULL,
    cluster            TEXT    NOT NULL,
    namespace          TEXT    NOT NULL,
    name               TEXT    NOT NULL,
    service_account    TEXT    NOT NULL,
    node_name          TEXT,
    placement          TEXT    NOT NULL,
    owner_kind         TEXT,
    owner_name         TEXT,
    credential_mode    TEXT    NOT NULL,
    injected_role_arn  TEXT,
    pod_identity_label INTEGER NOT NULL,
    images             TEXT    NOT NULL,
    started_at         TEXT,
    PRIMARY KEY (run_id, seq)
);

CREATE TABLE inventory_associations (
    run_id               INTEGER NOT NULL REFERENCES inventory_runs (run_id) ON DELETE CASCADE,
    seq                  INTEGER NOT NULL,
    account_id           TEXT    NOT NULL,
    region               TEXT    NOT NULL,
    cluster              TEXT    NOT NULL,
    association_id       TEXT    NOT NULL,
    association_arn      TEXT    NOT NULL,
    namespace            TEXT    NOT NULL,
    service_account      TEXT    NOT NULL,
    role_arn             TEXT    NOT NULL,
    target_role_arn      TEXT,
    disable_session_tags INTEGER NOT NULL,
    owner_arn            TEXT,
    created_at           TEXT,
    PRIMARY KEY (run_id, seq)
);

CREATE TABLE inventory_roles (
    run_id            INTEGER NOT NULL REFERENCES inventory_runs (run_id) ON DELETE CASCADE,
    seq               INTEGER NOT NULL,
    arn               TEXT    NOT NULL,
    account_id        TEXT    NOT NULL,
    name              TEXT    NOT NULL,
    path              TEXT    NOT NULL,
    role_exists       INTEGER NOT NULL,
    trust_policy      TEXT,
    tags              TEXT    NOT NULL,
    attached_policies TEXT    NOT NULL,
    lookup_error      TEXT,
    PRIMARY KEY (run_id, seq)
);
CREATE INDEX ix_inventory_roles_arn ON inventory_roles (run_id, arn);

CREATE TABLE inventory_oidc_providers (
    run_id      INTEGER NOT NULL REFERENCES inventory_runs (run_id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    account_id  TEXT    NOT NULL,
    arn         TEXT    NOT NULL,
    url         TEXT    NOT NULL,
    client_ids  TEXT    NOT NULL,
    thumbprints TEXT    NOT NULL,
    PRIMARY KEY (run_id, seq)
);

CREATE TABLE inventory_addons (
    run_id                        INTEGER NOT NULL REFERENCES inventory_runs (run_id) ON DELETE CASCADE,
    seq                           INTEGER NOT NULL,
    account_id                    TEXT    NOT NULL,
    region                        TEXT    NOT NULL,
    cluster                       TEXT    NOT NULL,
    name                          TEXT    NOT NULL,
    version                       TEXT    NOT NULL,
    status                        TEXT    NOT NULL,
    service_account_role_arn      TEXT,
    pod_identity_association_arns TEXT    NOT NULL,
    owned_service_accounts        TEXT    NOT NULL,
    PRIMARY KEY (run_id, seq)
);

CREATE TABLE inventory_errors (
    run_id    INTEGER NOT NULL REFERENCES inventory_runs (run_id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    scope     TEXT    NOT NULL,
    target    TEXT    NOT NULL,
    operation TEXT    NOT NULL,
    message   TEXT    NOT NULL,
    PRIMARY KEY (run_id, seq)
);
