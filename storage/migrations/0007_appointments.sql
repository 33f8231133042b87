-- Appointments at welcoming places: when the citizen confirmed (reminders planned before that
-- moment are not sent), and cancellations that both sides must still hear about. The CLI runs
-- in its own process: withdrawing a place cancels its upcoming appointments with
-- cancel_notified_at NULL, and the running bot tells the worker and the citizen at its sweep.

ALTER TABLE appointments ADD COLUMN confirmed_at TEXT;
ALTER TABLE appointments ADD COLUMN cancel_reason TEXT;        -- worker | place_withdrawn
ALTER TABLE appointments ADD COLUMN cancel_notified_at TEXT;   -- NULL: both sides still to tell

UPDATE appointments SET cancel_notified_at = updated_at WHERE status = 'cancelled';

CREATE INDEX appointments_unnotified ON appointments(status, cancel_notified_at);
