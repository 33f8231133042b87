-- The inbox: a webhook's message is stored (status 'received', with its full decoded form in
-- `payload`) and acknowledged at once; it is processed right after, in order per address.
-- A crash between the two leaves it 'received': the next start processes it.
ALTER TABLE inbound ADD COLUMN payload TEXT;
CREATE INDEX inbound_received ON inbound(address, id) WHERE status = 'received';
