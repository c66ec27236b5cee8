-- PostgreSQL version of ../005_assessment_identities.sql: the same tables and columns; integers are BIGINT (C# long), identities replace
-- AUTOINCREMENT, times stay UTC ISO-8601 text exactly as SQLite stores them (they sort as they compare).
-- Assessments judge workload identities (IRSA annotation, Pod Identity association, or both), each with its lifecycle
-- state. Rows saved before this migration were annotated IRSA bindings: irsa_annotated defaults to 1 and a NULL
-- lifecycle is read back from the category (see SqliteAssessmentStore.LegacyLifecycle).
ALTER TABLE assessment_bindings ADD COLUMN lifecycle TEXT;
ALTER TABLE assessment_bindings ADD COLUMN irsa_annotated BIGINT NOT NULL DEFAULT 1;
ALTER TABLE assessment_bindings ADD COLUMN association_role_arn TEXT;
