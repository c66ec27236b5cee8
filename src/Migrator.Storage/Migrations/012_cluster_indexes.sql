-- Issue 21: the assessment reads a run cluster by cluster (ServiceAccounts, workloads, pods, associations, recorded
-- uses of one cluster at a time) so the tool never holds the whole estate; these indexes make each read a range scan already in stored order (seq last, so no sort and no scan of the whole run).
CREATE INDEX ix_inventory_service_accounts_cluster ON inventory_service_accounts (run_id, account_id, region, cluster, seq);
CREATE INDEX ix_inventory_workloads_cluster ON inventory_workloads (run_id, account_id, region, cluster, seq);
CREATE INDEX ix_inventory_pods_cluster ON inventory_pods (run_id, account_id, region, cluster, seq);
CREATE INDEX ix_inventory_associations_cluster ON inventory_associations (run_id, account_id, region, cluster, seq);
CREATE INDEX ix_inventory_usage_cluster ON inventory_usage (run_id, account_id, region, cluster, seq);
