-- RFC 8628: a device's request for a user's approval. The device holds the device code and the user types the
-- user code at /oauth2/device; both are stored only as hashes (the user code's of its normalized form). The
-- row lives until the device redeems it, the user declines, or it expires (then the purge removes it).
create table device_authorization (
    device_code_hash bytea       primary key,
    user_code_hash   bytea       not null unique,
    client_id        varchar(64) collate "C" not null references client (client_id) on delete cascade,
    scopes           text        not null,
    created_at       timestamptz not null,
    expires_at       timestamptz not null,
    interval_seconds integer     not null check (interval_seconds > 0),
    polled_at        timestamptz,
    status           varchar(16) not null default 'PENDING' check (status in ('PENDING', 'APPROVED', 'DENIED')),
    user_id          uuid        references app_user (id) on delete cascade,
    auth_time        timestamptz,
    check ((status = 'APPROVED') = (user_id is not null))
);
create index device_authorization_expires on device_authorization (expires_at);
