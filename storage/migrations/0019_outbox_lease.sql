-- A claimed outbox row names the process sending it and until when its claim holds, so that
-- with several `relais run` on one database a restart (or the leader's rescue) sends again only
-- rows whose sender is gone: its own previous life, or a lease that expired.
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE outbox ADD COLUMN lease_until TEXT;
