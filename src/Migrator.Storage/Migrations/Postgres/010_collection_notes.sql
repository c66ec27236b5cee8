-- How a run collected where it chose another way than planned, losing no data (e.g. GetAccountAuthorizationDetails
-- denied in an account, so its roles were read with GetRole): kept with the run so 'runs show', reports and a later
-- reader see them, not only the inventory verb's output. PostgreSQL version of Migrations/010_collection_notes.sql.
CREATE TABLE inventory_notes (
    run_id    BIGINT  NOT NULL REFERENCES inventory_runs (run_id) ON DELETE CASCADE,
    seq       BIGINT  NOT NULL,
    scope     TEXT    NOT NULL,
    target    TEXT    NOT NULL,
    operation TEXT    NOT NULL,
    message   TEXT    NOT NULL,
    PRIMARY KEY (run_id, seq)
);
