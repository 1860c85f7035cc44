-- Every revocation, in order, for every instance to apply to its in-memory view (polled by id): an ended
-- grant family (revoked, or deleted with its user or client) ends its access tokens; a revoked access
-- token is named by its jti. Triggers write the events, so no code path can forget to.
create table revocation_event (
    id         bigserial   primary key,
    kind       varchar(8)  not null check (kind in ('family', 'jti')),
    key        varchar(64) collate "C" not null,
    created_at timestamptz not null default now()
);
create index revocation_event_created on revocation_event (created_at);

create function revocation_event_family() returns trigger language plpgsql as $$
begin
    insert into revocation_event (kind, key) values ('family', old.id::text);
    return null;
end $$;

create trigger grant_family_revoked after update of revoked_at on grant_family
    for each row when (old.revoked_at is null and new.revoked_at is not null)
    execute function revocation_event_family();

create trigger grant_family_deleted after delete on grant_family
    for each row when (old.revoked_at is null)
    execute function revocation_event_family();

create function revocation_event_jti() returns trigger language plpgsql as $$
begin
    insert into revocation_event (kind, key) values ('jti', new.jti);
    return null;
end $$;

create trigger access_token_revoked after insert on revoked_access_token
    for each row execute function revocation_event_jti();
