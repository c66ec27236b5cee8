-- A run collected with --accounts or --clusters covers part of the estate: its filter is recorded (NULL = the whole
-- estate) so drift, reports and progress compare like with like and a filtered run never becomes their baseline.
ALTER TABLE inventory_runs ADD COLUMN filter TEXT;
