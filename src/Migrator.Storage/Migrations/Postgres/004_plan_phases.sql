-- PostgreSQL version of ../004_plan_phases.sql: the same tables and columns; integers are BIGINT (C# long), identities replace
-- AUTOINCREMENT, times stay UTC ISO-8601 text exactly as SQLite stores them (they sort as they compare).
-- Plans stored a phase per row (format 2): plans.plan_json keeps the header (settings, excluded bindings,
-- prerequisites, roles) and plan_phases one phase each, with its step ids apart so progress reporting reads no step
-- JSON. Plans saved before this migration keep format 1 (the whole plan in plans.plan_json) and load as before.
ALTER TABLE plans ADD COLUMN format BIGINT NOT NULL DEFAULT 1;

CREATE TABLE plan_phases (
    plan_id    TEXT    NOT NULL REFERENCES plans(plan_id),
    number     BIGINT NOT NULL,
    kind       TEXT    NOT NULL,
    title      TEXT    NOT NULL,
    step_count BIGINT NOT NULL,
    step_ids   TEXT    NOT NULL,
    phase_json TEXT    NOT NULL,
    PRIMARY KEY (plan_id, number)
);
