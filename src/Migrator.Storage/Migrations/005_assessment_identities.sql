-- Assessments judge workload identities (IRSA annotation, Pod Identity association, or both), each with its lifecycle
-- state. Rows saved before this migration were annotated IRSA bindings: irsa_annotated defaults to 1 and a NULL
-- lifecycle is read back from the category (see SqliteAssessmentStore.LegacyLifecycle).
ALTER TABLE assessment_bindings ADD COLUMN lifecycle TEXT;
ALTER TABLE assessment_bindings ADD COLUMN irsa_annotated INTEGER NOT NULL DEFAULT 1;
ALTER TABLE assessment_bindings ADD COLUMN association_role_arn TEXT;
