-- PostgreSQL version of ../007_owners.sql: the same tables and columns; integers are BIGINT (C# long), identities replace
-- AUTOINCREMENT, times stay UTC ISO-8601 text exactly as SQLite stores them (they sort as they compare).
-- Owners (issue 16): what manages each role and ServiceAccount (Terraform, CloudFormation, eksctl, Helm, Argo CD, Flux),
-- as the inventory detected it: JSON {"kind","name","evidence"}, NULL when nothing known does. And, per approval, the
-- bindings or owners the approver forced to direct execution (JSON array of "OWNER" or "ACCOUNT/REGION/CLUSTER/NS/SA").
ALTER TABLE inventory_roles ADD COLUMN owner TEXT;
ALTER TABLE inventory_service_accounts ADD COLUMN owner TEXT;
ALTER TABLE plan_approvals ADD COLUMN force_direct TEXT NOT NULL DEFAULT '[]';
