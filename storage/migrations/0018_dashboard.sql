-- The dashboard (/tableau): single-use sign-in links and browser sessions of workers and
-- coordinators. Neither the link's token nor the session's cookie is stored: only their SHA-256.
CREATE TABLE dashboard_tokens (
    token_hash TEXT PRIMARY KEY,
    worker_id INTEGER NOT NULL REFERENCES workers(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,                  -- created_at + 10 minutes
    used_at TEXT                               -- set once: a link is single use
);
CREATE INDEX dashboard_tokens_expiry ON dashboard_tokens(expires_at);

CREATE TABLE dashboard_sessions (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,           -- SHA-256 of the cookie value
    worker_id INTEGER NOT NULL REFERENCES workers(id) ON DELETE CASCADE,
    csrf TEXT NOT NULL,                        -- the hidden field of every form
    language TEXT NOT NULL DEFAULT 'fr',
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL                   -- created_at + 12 hours, whatever the activity
);
CREATE INDEX dashboard_sessions_expiry ON dashboard_sessions(expires_at);
