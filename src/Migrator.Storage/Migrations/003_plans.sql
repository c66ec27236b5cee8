-- Migration plans, phase approvals, the execution journal and the per-plan execution lock (issue 6).
CREATE TABLE plans (
    plan_id     TEXT PRIMARY KEY,
    run_id      INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    phase_count INTEGER NOT NULL,
    plan_json   TEXT NOT NULL
);

CREATE TABLE plan_approvals (
    plan_id     TEXT NOT NULL REFERENCES plans(plan_id),
    phase       INTEGER NOT NULL,
    approved_by TEXT NOT NULL,
    approved_at TEXT NOT NULL,
    PRIMARY KEY (plan_id, phase)
);

-- Append-only except for the outcome columns, written once after the mutation.
CREATE TABLE journal_entries (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id         TEXT NOT NULL,
    phase           INTEGER NOT NULL,
    step_id         TEXT NOT NULL,
    step_kind       TEXT NOT NULL,
    direction       TEXT NOT NULL,
    binding         TEXT,
    role_arn        TEXT,
    status          TEXT NOT NULL,
    before_state    TEXT,
    intended_after  TEXT,
    result          TEXT,
    message         TEXT NOT NULL,
    undoes_entry_id INTEGER,
    started_at      TEXT NOT NULL,
    completed_at    TEXT
);
CREATE INDEX ix_journal_entries_plan ON journal_entries (plan_id, id);

CREATE TABLE plan_locks (
    plan_id     TEXT PRIMARY KEY,
    holder      TEXT NOT NULL,
    acquired_at TEXT NOT NULL
);
