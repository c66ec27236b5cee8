-- PostgreSQL version of ../008_usage_evidence.sql: the same tables and columns; integers are BIGINT (C# long), identities replace
-- AUTOINCREMENT, times stay UTC ISO-8601 text exactly as SQLite stores them (they sort as they compare).
-- Issue 17: evidence of use. IAM's RoleLastUsed per role, CloudTrail uses per identity with each inventory run, and the
-- operators' recorded overrides of the cleanup evidence gate.
ALTER TABLE inventory_roles ADD COLUMN last_used_at TEXT;
ALTER TABLE inventory_roles ADD COLUMN last_used_region TEXT;

CREATE TABLE inventory_usage (
    run_id                   BIGINT NOT NULL REFERENCES inventory_runs (run_id) ON DELETE CASCADE,
    seq                      BIGINT NOT NULL,
    account_id               TEXT    NOT NULL,
    region                   TEXT    NOT NULL,
    cluster                  TEXT    NOT NULL,
    namespace                TEXT    NOT NULL,
    service_account          TEXT    NOT NULL,
    role_arn                 TEXT,
    window_start             TEXT    NOT NULL,
    window_end               TEXT    NOT NULL,
    last_irsa_at             TEXT,
    last_irsa_source         TEXT,
    irsa_count               BIGINT NOT NULL,
    last_pod_identity_at     TEXT,
    last_pod_identity_source TEXT,
    pod_identity_count       BIGINT NOT NULL,
    error                    TEXT,
    PRIMARY KEY (run_id, seq)
);

CREATE TABLE evidence_overrides (
    plan_id     TEXT    NOT NULL,
    phase       BIGINT NOT NULL,
    binding     TEXT    COLLATE "C" NOT NULL,
    reason      TEXT    NOT NULL,
    approved_by TEXT    NOT NULL,
    approved_at TEXT    NOT NULL,
    PRIMARY KEY (plan_id, phase, binding)
);
