-- PostgreSQL version of ../002_assessment.sql: the same tables and columns; integers are BIGINT (C# long), identities replace
-- AUTOINCREMENT, times stay UTC ISO-8601 text exactly as SQLite stores them (they sort as they compare).
-- Assessments: one per inventory run (re-assessing a run replaces it). Rows keep their order (seq) so a stored
-- assessment loads back exactly as it was saved. Times are UTC ISO-8601 text; lists are JSON text.

CREATE TABLE assessments (
    run_id        BIGINT PRIMARY KEY REFERENCES inventory_runs (run_id) ON DELETE CASCADE,
    assessed_at   TEXT    NOT NULL,
    binding_count BIGINT NOT NULL
);

CREATE TABLE assessment_bindings (
    run_id             BIGINT NOT NULL REFERENCES assessments (run_id) ON DELETE CASCADE,
    seq                BIGINT NOT NULL,
    account_id         TEXT    NOT NULL,
    region             TEXT    NOT NULL,
    cluster_name       TEXT    NOT NULL,
    namespace          TEXT    NOT NULL,
    service_account    TEXT    NOT NULL,
    role_arn           TEXT    NOT NULL,
    category           TEXT    NOT NULL,
    score              BIGINT NOT NULL,
    coordination_group TEXT,
    owning_addon       TEXT,
    pod_count          BIGINT NOT NULL,
    workloads          TEXT    NOT NULL,
    canary_candidate   BIGINT NOT NULL,
    PRIMARY KEY (run_id, seq),
    UNIQUE (run_id, account_id, region, cluster_name, namespace, service_account)
);

CREATE TABLE assessment_reasons (
    run_id           BIGINT NOT NULL,
    binding_seq      BIGINT NOT NULL,
    seq              BIGINT NOT NULL,
    code             TEXT    NOT NULL,
    severity         TEXT    NOT NULL,
    summary          TEXT    NOT NULL,
    evidence         TEXT    NOT NULL,
    suggested_action TEXT    NOT NULL,
    score_impact     BIGINT NOT NULL,
    PRIMARY KEY (run_id, binding_seq, seq),
    FOREIGN KEY (run_id, binding_seq) REFERENCES assessment_bindings (run_id, seq) ON DELETE CASCADE
);

CREATE INDEX assessment_reasons_code ON assessment_reasons (run_id, code);

CREATE TABLE assessment_role_findings (
    run_id           BIGINT NOT NULL REFERENCES assessments (run_id) ON DELETE CASCADE,
    seq              BIGINT NOT NULL,
    role_arn         TEXT    NOT NULL,
    code             TEXT    NOT NULL,
    severity         TEXT    NOT NULL,
    summary          TEXT    NOT NULL,
    evidence         TEXT    NOT NULL,
    suggested_action TEXT    NOT NULL,
    PRIMARY KEY (run_id, seq)
);
