-- Rota: one-time invite codes that link a worker's Telegram account, and duty shifts.
-- Times of day are local wall-clock "HH:MM" in RELAIS_TIMEZONE; other times are ISO UTC strings.

CREATE TABLE invites (
    code TEXT PRIMARY KEY,                     -- 6 characters from an unambiguous alphabet
    worker_id INTEGER NOT NULL REFERENCES workers(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,                  -- created_at + 7 days unless told otherwise
    used_at TEXT                               -- set once: a code is single use
);
CREATE INDEX invites_worker ON invites(worker_id, used_at);

CREATE TABLE shifts (
    id INTEGER PRIMARY KEY,
    worker_id INTEGER NOT NULL REFERENCES workers(id) ON DELETE CASCADE,
    weekday INTEGER CHECK (weekday BETWEEN 0 AND 6),          -- 0 = Monday: a weekly shift
    on_date TEXT CHECK (on_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),  -- one-off
    start_time TEXT NOT NULL CHECK (start_time GLOB '[0-2][0-9]:[0-5][0-9]'),
    end_time TEXT NOT NULL CHECK (end_time GLOB '[0-2][0-9]:[0-5][0-9]'),  -- before start: next day
    source TEXT NOT NULL DEFAULT 'cli',        -- csv | ics | cli
    created_at TEXT NOT NULL,
    CHECK ((weekday IS NULL) <> (on_date IS NULL))
);
-- The same shift twice would only double a worker's cards; an import skips exact repeats.
CREATE UNIQUE INDEX shifts_unique
    ON shifts(worker_id, coalesce(weekday, -1), coalesce(on_date, ''), start_time, end_time);
CREATE INDEX shifts_weekday ON shifts(weekday) WHERE weekday IS NOT NULL;
CREATE INDEX shifts_on_date ON shifts(on_date) WHERE on_date IS NOT NULL;
