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
