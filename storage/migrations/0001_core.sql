-- Core: citizens, workers, requests (cases), every inbound message, the outbox, the audit trail.
-- Times are ISO-8601 strings in UTC ("2026-11-26T05:33:47.123456+00:00").

CREATE TABLE citizens (
    id INTEGER PRIMARY KEY,
    address TEXT NOT NULL UNIQUE,              -- "sms:+15145550111" or "telegram:12345"
    channel TEXT NOT NULL,                     -- "sms" | "telegram"
    language TEXT NOT NULL DEFAULT 'fr',       -- "fr" | "en"
    state TEXT NOT NULL DEFAULT 'new',         -- step of the citizen flow
    state_data TEXT NOT NULL DEFAULT '{}',     -- JSON owned by the flow
    opted_out_at TEXT,
    created_at TEXT NOT NULL,
    last_seen_at TEXT,
    out_of_hours_notice_at TEXT
);

CREATE TABLE workers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    telegram_id INTEGER UNIQUE,
    organization TEXT NOT NULL DEFAULT '',
    languages TEXT NOT NULL DEFAULT 'fr',      -- comma-separated: "fr,en"
    role TEXT NOT NULL DEFAULT 'worker' CHECK (role IN ('worker', 'coordinator')),
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);

CREATE TABLE requests (
    id INTEGER PRIMARY KEY,
    citizen_id INTEGER REFERENCES citizens(id) ON DELETE SET NULL,
    channel TEXT NOT NULL,
    language TEXT NOT NULL,
    first_words TEXT NOT NULL DEFAULT '',
    urgent INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'claimed', 'closed')),
    out_of_hours INTEGER NOT NULL DEFAULT 0,
    source TEXT NOT NULL DEFAULT 'citizen',    -- citizen | checkin | campaign
    created_at TEXT NOT NULL,
    claimed_by INTEGER REFERENCES workers(id) ON DELETE SET NULL,
    claimed_at TEXT,
    first_reply_at TEXT,
    closed_at TEXT,
    intervention_type TEXT,
    profile TEXT,
    escalations INTEGER NOT NULL DEFAULT 0,
    last_escalated_at TEXT
);
CREATE INDEX requests_citizen ON requests(citizen_id, status);
CREATE INDEX requests_status ON requests(status, created_at);

CREATE TABLE inbound (
    id INTEGER PRIMARY KEY,
    provider_id TEXT NOT NULL UNIQUE,          -- "telegram:update:123" | "sms:SM…" (idempotency key)
    address TEXT NOT NULL,
    citizen_id INTEGER REFERENCES citizens(id) ON DELETE CASCADE,
    worker_id INTEGER REFERENCES workers(id) ON DELETE SET NULL,
    request_id INTEGER REFERENCES requests(id) ON DELETE SET NULL,
    kind TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'processed',  -- processed | failed
    received_at TEXT NOT NULL
);
CREATE INDEX inbound_citizen ON inbound(citizen_id);
CREATE INDEX inbound_request ON inbound(request_id);

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    address TEXT NOT NULL,                     -- recipient, "sms:…" | "telegram:…"
    citizen_id INTEGER REFERENCES citizens(id) ON DELETE CASCADE,
    worker_id INTEGER REFERENCES workers(id) ON DELETE SET NULL,
    request_id INTEGER REFERENCES requests(id) ON DELETE SET NULL,
    kind TEXT NOT NULL DEFAULT 'text',         -- text | edit | location
    body TEXT NOT NULL,
    buttons TEXT,                              -- JSON [[callback_data, label], …] (Telegram)
    payload TEXT,                              -- JSON for edit (message ref) or location
    status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'sending', 'sent', 'delivered', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    provider_message_id TEXT,
    error TEXT,
    created_at TEXT NOT NULL,
    sent_at TEXT
);
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
CREATE INDEX outbox_provider ON outbox(provider_message_id);
CREATE INDEX outbox_request ON outbox(request_id);

CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,                       -- "worker:3", "citizen:12", "system", "cli"
    action TEXT NOT NULL,                      -- event name, never message text
    request_id INTEGER,
    detail TEXT NOT NULL DEFAULT ''
);
