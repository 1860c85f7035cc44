-- Less index work per grant, for the same answers (docs/scaling.md has the figures per grant).

-- A code is updated once (consumed_at) and a refresh token once (rotated_at), and neither column is indexed:
-- with room left in the page, PostgreSQL writes the new row version beside the old one without a single new
-- index entry (a heap-only update) instead of adding one to every index of the table.
alter table authorization_code set (fillfactor = 60);
alter table refresh_token set (fillfactor = 60);

-- Expiry and time serve only the purge and time-range filters, and rows arrive in about that order: a BRIN
-- index (one summary per 128 pages) finds them as a btree did, and an insert almost never has to touch it.
drop index authorization_code_expires;
create index authorization_code_expires on authorization_code using brin (expires_at);
drop index refresh_token_expires;
create index refresh_token_expires on refresh_token using brin (expires_at);
drop index audit_event_at;
create index audit_event_at on audit_event using brin (at);

-- Token issuance is nearly every event of the trail: filtering by that type walks the primary key backwards
-- and finds matches at once; the index by type is for the rare types, and holds only them.
drop index audit_event_type;
create index audit_event_type on audit_event (type, id) where type <> 'TOKEN_ISSUED';

-- A replayed code finds the grant it started through the code's own row, set in the same update that consumes
-- it, instead of through a unique index on the grant's copy of the code's hash (one random-key index entry less
-- per exchange).
alter table authorization_code add column grant_id uuid;
update authorization_code c set grant_id = f.id from grant_family f where f.code_hash = c.code_hash;
alter table grant_family drop column code_hash;
