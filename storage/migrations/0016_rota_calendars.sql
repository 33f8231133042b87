-- Calendars imported as a rota (.ics), kept whole so that the bot re-expands their repeating
-- events every day instead of letting them run out; their expanded shifts point back to them.
CREATE TABLE rota_calendars (
    id INTEGER PRIMARY KEY,
    data BLOB NOT NULL,                        -- the .ics file as imported
    weeks INTEGER NOT NULL,                    -- how far ahead it is expanded
    imported_at TEXT NOT NULL
);
ALTER TABLE shifts ADD COLUMN calendar_id INTEGER REFERENCES rota_calendars(id) ON DELETE SET NULL;
