-- Escalation and the queue: when a deactivation returned a case to the queue.
-- A request's paging rounds are read from `cards` (kind new | queue | escalation); a card
-- older than `requeued_at` belongs to the case's previous life and no longer counts.

ALTER TABLE requests ADD COLUMN requeued_at TEXT;

CREATE INDEX cards_worker ON cards(worker_id, request_id);
