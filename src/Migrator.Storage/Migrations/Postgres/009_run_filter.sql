-- PostgreSQL version of ../009_run_filter.sql: the same tables and columns; integers are BIGINT (C# long), identities replace
-- AUTOINCREMENT, times stay UTC ISO-8601 text exactly as SQLite stores them (they sort as they compare).
-- A run collected with --accounts or --clusters covers part of the estate: its filter is recorded (NULL = the whole
-- estate) so drift, reports and progress compare like with like and a filtered run never becomes their baseline.
ALTER TABLE inventory_runs ADD COLUMN filter TEXT;
