-- Follow-up check-ins: each one is a row (the truth); the scheduler is only its alarm clock.
-- Campaigns are mass check-ins to the citizens who carry a tag; tags are set by workers.
-- `notices` remembers once-only messages (hand-over summaries, weekly summaries) by key.
-- Times are ISO-8601 strings in UTC.

CREATE TABLE campaigns (
    id INTEGER PRIMARY KEY,
    tag TEXT NOT NULL,
    message TEXT NOT NULL DEFAULT '',           -- purged with the rest after the retention period
    worker_id INTEGER REFERENCES workers(id) ON DELETE SET NULL,  -- NULL: from the command line
    status TEXT NOT NULL DEFAULT 'sending' CHECK (status IN ('draft', 'sending', 'cancelled')),
    total INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    progress_at TEXT,                           -- last progress message to the launcher
    sent_report_at TEXT,                        -- "all sent" told to the launcher
    reported_at TEXT                            -- the answers / no-answer summary went out
);

CREATE TABLE followups (
    id INTEGER PRIMARY KEY,
    citizen_id INTEGER NOT NULL REFERENCES citizens(id) ON DELETE CASCADE,  -- erased: gone
    request_id INTEGER REFERENCES requests(id) ON DELETE SET NULL,  -- the case it follows
    worker_id INTEGER REFERENCES workers(id) ON DELETE SET NULL,    -- who scheduled it
    campaign_id INTEGER REFERENCES campaigns(id) ON DELETE CASCADE,
    series INTEGER,                             -- id of the first check-in of a repeating series
    message TEXT NOT NULL DEFAULT '',           -- the worker's own words; '' = the default text
    due_at TEXT NOT NULL,                       -- moved to the end of quiet hours when needed
    status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'sent', 'answered', 'unanswered', 'cancelled')),
    answer TEXT,                                -- ok | talk | message
    outbox_id INTEGER,                          -- the message queued (campaign progress)
    sent_at TEXT,
    answered_at TEXT,
    alerted_at TEXT,                            -- a worker was told there was no answer
    cancel_reason TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX followups_due ON followups(status, due_at);
CREATE INDEX followups_worker ON followups(worker_id, status);
CREATE INDEX followups_citizen ON followups(citizen_id, status);
CREATE INDEX followups_campaign ON followups(campaign_id, status);

CREATE TABLE citizen_tags (
    citizen_id INTEGER NOT NULL REFERENCES citizens(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,                          -- lower case a-z 0-9 - _
    worker_id INTEGER REFERENCES workers(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (citizen_id, tag)
);
CREATE INDEX citizen_tags_tag ON citizen_tags(tag);

CREATE TABLE notices (
    key TEXT PRIMARY KEY,                       -- "handover:3:2026-11-26T14:00:00…", "weekly:…"
    sent_at TEXT NOT NULL
);
