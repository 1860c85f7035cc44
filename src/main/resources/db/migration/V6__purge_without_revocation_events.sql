-- The purge job deletes grant families long after their tokens expired; that is not a revocation and
-- must not flood the revocation events. It marks its transaction, and the trigger stays quiet for it.
create or replace function revocation_event_family() returns trigger language plpgsql as $$
begin
    if current_setting('latchkey.purging', true) is distinct from 'on' then
        insert into revocation_event (kind, key) values ('family', old.id::text);
    end if;
    return null;
end $$;
