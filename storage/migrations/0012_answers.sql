-- On-call workers (issue 11): they get urgent requests out of hours, before the coordinators.
-- A flag rather than a new value of workers.role: that column's CHECK constraint cannot be
-- changed without rebuilding the table, which every case, card and message refers to.
ALTER TABLE workers ADD COLUMN on_call INTEGER NOT NULL DEFAULT 0;
