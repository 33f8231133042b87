-- Resource directory (Open Referral HSDS or a simple CSV), its full-text index, referrals,
-- and the welcoming places lent by organizations with their appointments.
-- Times are ISO-8601 strings in UTC; place windows are local wall-clock times (RELAIS_TIMEZONE).

-- One row per HSDS service at a location (or per service without a location, or per CSV line).
CREATE TABLE resources (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,                      -- import name: a folder, zip or CSV stem
    external_id TEXT NOT NULL,                 -- HSDS id, or a stable hash of a CSV's name+address
    name TEXT NOT NULL,
    organization TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',      -- in the directory's own language
    description_en TEXT NOT NULL DEFAULT '',   -- English text when the directory has one
    category TEXT NOT NULL DEFAULT 'other',    -- food|housing|health|seniors|families|employment|legal|other
    keywords TEXT NOT NULL DEFAULT '',         -- taxonomy terms and raw categories, as imported
    phone TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    latitude REAL,
    longitude REAL,
    url TEXT NOT NULL DEFAULT '',
    languages TEXT NOT NULL DEFAULT '',
    hours_text TEXT NOT NULL DEFAULT '',       -- opening hours as free text, when not structured
    schedule TEXT NOT NULL DEFAULT '[]',       -- JSON list of RRULE-like rules (bot/resource_search)
    search_body TEXT NOT NULL DEFAULT '',      -- what the index searches besides the name
    search_stems TEXT NOT NULL DEFAULT '',     -- the same words, lightly stemmed
    imported_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (source, external_id)
);
CREATE INDEX resources_category ON resources(category, name);

-- Accent- and case-blind index; kept in step with `resources` by the triggers below.
CREATE VIRTUAL TABLE resources_fts USING fts5(
    name, body, stems,
    tokenize = "unicode61 remove_diacritics 2"
);

CREATE TRIGGER resources_fts_insert AFTER INSERT ON resources BEGIN
    INSERT INTO resources_fts(rowid, name, body, stems)
    VALUES (new.id, new.name, new.search_body, new.search_stems);
END;

CREATE TRIGGER resources_fts_update AFTER UPDATE ON resources BEGIN
    DELETE FROM resources_fts WHERE rowid = old.id;
    INSERT INTO resources_fts(rowid, name, body, stems)
    VALUES (new.id, new.name, new.search_body, new.search_stems);
END;

CREATE TRIGGER resources_fts_delete AFTER DELETE ON resources BEGIN
    DELETE FROM resources_fts WHERE rowid = old.id;
END;

-- A resource given to a citizen; the activity report counts them. A removed resource keeps
-- its referrals (resource_id becomes NULL, the category stays).
CREATE TABLE referrals (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    request_id INTEGER REFERENCES requests(id) ON DELETE SET NULL,
    resource_id INTEGER REFERENCES resources(id) ON DELETE SET NULL,
    category TEXT NOT NULL DEFAULT 'other',
    channel TEXT NOT NULL                      -- sms | telegram | kiosk
);
CREATE INDEX referrals_at ON referrals(at);

-- Welcoming places (lieux accueillants) lent by organizations for follow-up meetings.
CREATE TABLE places (
    id INTEGER PRIMARY KEY,
    organization TEXT NOT NULL,
    name TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    conditions TEXT NOT NULL DEFAULT '',       -- "demander à l'accueil", "2 heures maximum"
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    withdrawn_at TEXT,                         -- set: no longer offered
    UNIQUE (organization COLLATE NOCASE, name COLLATE NOCASE)
);

-- When workers may use a place: local wall-clock windows, several per place.
CREATE TABLE place_windows (
    id INTEGER PRIMARY KEY,
    place_id INTEGER NOT NULL REFERENCES places(id) ON DELETE CASCADE,
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),   -- 0 = Monday
    starts TEXT NOT NULL,                      -- "HH:MM"
    ends TEXT NOT NULL,                        -- "HH:MM", after starts
    CHECK (starts < ends)
);
CREATE INDEX place_windows_place ON place_windows(place_id);

CREATE TABLE appointments (
    id INTEGER PRIMARY KEY,
    place_id INTEGER NOT NULL REFERENCES places(id) ON DELETE CASCADE,
    request_id INTEGER REFERENCES requests(id) ON DELETE CASCADE,
    worker_id INTEGER REFERENCES workers(id) ON DELETE SET NULL,
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'proposed'
        CHECK (status IN ('proposed', 'confirmed', 'declined', 'cancelled')),
    reminded_day_before_at TEXT,               -- NULL until that reminder is sent
    reminded_same_day_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (starts_at < ends_at)
);
CREATE INDEX appointments_place ON appointments(place_id, starts_at);
CREATE INDEX appointments_request ON appointments(request_id);
