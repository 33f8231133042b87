-- The web as a third channel: kiosk places (tablets in public places) and browser sessions.
-- A session's cookie is never stored: only its SHA-256, and the address derived from it
-- ("web:<hash>" for the web chat, "kiosk:<slug>:<hash>" for a kiosk).
CREATE TABLE kiosks (
    slug TEXT PRIMARY KEY,                     -- in the URL: /kiosque/<slug>
    name TEXT NOT NULL,                        -- shown on the kiosk and on the request card
    created_at TEXT NOT NULL
);

CREATE TABLE web_sessions (
    token_hash TEXT PRIMARY KEY,
    address TEXT NOT NULL,
    csrf TEXT NOT NULL,
    language TEXT NOT NULL DEFAULT 'fr',
    kiosk TEXT,                                -- slug, for a kiosk session
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
);
CREATE INDEX web_sessions_seen ON web_sessions(last_seen_at);
