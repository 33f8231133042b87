-- The worker desk: cards sent to workers for a request, private notes on cases.

CREATE TABLE cards (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
    worker_id INTEGER NOT NULL REFERENCES workers(id) ON DELETE CASCADE,
    outbox_id INTEGER REFERENCES outbox(id) ON DELETE SET NULL,
    kind TEXT NOT NULL DEFAULT 'new',          -- new | escalation | queue
    created_at TEXT NOT NULL
);
CREATE INDEX cards_request ON cards(request_id);

CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
    worker_id INTEGER REFERENCES workers(id) ON DELETE SET NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX notes_request ON notes(request_id);

CREATE INDEX outbox_address_provider ON outbox(address, provider_message_id);
