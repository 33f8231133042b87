-- Calendars imported as a rota (.ics), kept whole so that the bot re-expands their repeating
-- events every day instead of letting them run out; their expanded shifts point back to them.
CREATE TABLE rota_calendars (
    id INTEGER PRIMARY KEY,
    data BLOB NOT NULL,                        -- the .ics file as imported
    weeks INTEGER NOT NULL,                    -- how far ahead it is expanded
    imported_at TEXT NOT NULL
);
ALTER TABLE shifts ADD COLUMN calendar_id INTEGER REFERENCES rota_calendars(id) ON DELETE SET NULL;

-- The activity report tells a worker's referral (`/ressource` sent to a citizen) from the
-- results a citizen's own search showed. Referrals made before are told apart by the audit
-- entry a worker's referral has always written at the same moment.
ALTER TABLE referrals ADD COLUMN given_by TEXT NOT NULL DEFAULT 'search'
    CHECK (given_by IN ('search', 'worker'));
UPDATE referrals SET given_by = 'worker' WHERE request_id IS NOT NULL AND EXISTS (
    SELECT 1 FROM audit a
    WHERE a.action = 'resource.sent' AND a.request_id = referrals.request_id AND a.at = referrals.at
);
