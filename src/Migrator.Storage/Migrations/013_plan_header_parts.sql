-- Issue 21: a plan's excluded bindings and planned roles (with each role's trust policy at planning) are most of its
-- header: about 85 MB of JSON for 189,000 bindings, one string of twice that in memory to write or read it. Plans saved
-- in format 3 keep them here, a bounded JSON array per row (part 'excluded' or 'roles', in order by seq), and
-- plans.plan_json keeps the rest of the header. Plans saved in formats 1 and 2 load as before.
CREATE TABLE plan_header_parts (
    plan_id TEXT    NOT NULL REFERENCES plans(plan_id),
    part    TEXT    NOT NULL,
    seq     INTEGER NOT NULL,
    items   TEXT    NOT NULL,
    PRIMARY KEY (plan_id, part, seq)
);
