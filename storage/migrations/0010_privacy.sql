-- Privacy (issue 10): invite-code tries survive a restart, and where citizens came from.
-- `invite_tries`: one row per `/start CODE` attempt of a Telegram account; rows older than a
-- day are purged. `arrivals`: one row per first contact, with the deep-link payload it came
-- by ('' = written directly); an erased or purged citizen's row stays, anonymous (its
-- citizen_id becomes NULL), so that the report still counts it.

CREATE TABLE invite_tries (
    id INTEGER PRIMARY KEY,
    telegram_id INTEGER NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX invite_tries_account ON invite_tries(telegram_id, at);

CREATE TABLE arrivals (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    channel TEXT NOT NULL,                     -- sms | telegram
    source TEXT NOT NULL DEFAULT '',           -- deep-link payload ("affiche"), '' = direct
    citizen_id INTEGER REFERENCES citizens(id) ON DELETE SET NULL
);
CREATE INDEX arrivals_at ON arrivals(at);
CREATE INDEX arrivals_citizen ON arrivals(citizen_id);

INSERT INTO arrivals (at, channel, source, citizen_id)
    SELECT created_at, channel, '', id FROM citizens ORDER BY id;

-- Check-ins outlive an erased or purged person, anonymous (citizen_id NULL, no message): the
-- report counts them. SQLite changes a foreign key only by rebuilding the table (same
-- columns as 0005, in the same order).
CREATE TABLE followups_anonymous (
    id INTEGER PRIMARY KEY,
    citizen_id INTEGER REFERENCES citizens(id) ON DELETE SET NULL,  -- NULL: erased, anonymous
    request_id INTEGER REFERENCES requests(id) ON DELETE SET NULL,
    worker_id INTEGER REFERENCES workers(id) ON DELETE SET NULL,
    campaign_id INTEGER REFERENCES campaigns(id) ON DELETE CASCADE,
    series INTEGER,
    message TEXT NOT NULL DEFAULT '',
    due_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'sent', 'answered', 'unanswered', 'cancelled')),
    answer TEXT,
    outbox_id INTEGER,
    sent_at TEXT,
    answered_at TEXT,
    alerted_at TEXT,
    cancel_reason TEXT,
    created_at TEXT NOT NULL
);
INSERT INTO followups_anonymous SELECT * FROM followups;
DROP TABLE followups;
ALTER TABLE followups_anonymous RENAME TO followups;
CREATE INDEX followups_due ON followups(status, due_at);
CREATE INDEX followups_worker ON followups(worker_id, status);
CREATE INDEX followups_citizen ON followups(citizen_id, status);
CREATE INDEX followups_campaign ON followups(campaign_id, status);
