-- Worker words held back while the worker chooses how to send them by SMS (issue 13): the text
-- forces UCS-2 and an accent-free spelling would cost fewer segments. Kept here, not in the
-- button's callback data (64 bytes). A row lives until a button is pressed or the case goes.
CREATE TABLE pending_sms (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
    worker_id INTEGER NOT NULL REFERENCES workers(id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX pending_sms_worker ON pending_sms(worker_id);
