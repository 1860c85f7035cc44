-- A browser's login at the authorization endpoint. The cookie holds 256 random bits; only its hash is here.
create table login_session (
    id_hash    bytea       primary key,
    user_id    uuid        not null references app_user (id) on delete cascade,
    created_at timestamptz not null,
    expires_at timestamptz not null
);
create index login_session_expires on login_session (expires_at);

-- What a user allowed a client, so that a later request within these scopes skips the consent page.
create table consent (
    user_id    uuid        not null references app_user (id) on delete cascade,
    client_id  varchar(64) collate "C" not null references client (client_id) on delete cascade,
    scopes     text[]      not null,
    granted_at timestamptz not null,
    updated_at timestamptz not null,
    primary key (user_id, client_id)
);
create index consent_client on consent (client_id);

-- Authorization codes: single use, short-lived, stored only as SHA-256 of the 256-bit code.
create table authorization_code (
    code_hash      bytea         primary key,
    client_id      varchar(64)   collate "C" not null references client (client_id) on delete cascade,
    user_id        uuid          not null references app_user (id) on delete cascade,
    -- as sent in the authorization request; null when it was omitted (RFC 6749 §4.1.3)
    redirect_uri   varchar(2000),
    scopes         text          not null,
    code_challenge varchar(128),
    created_at     timestamptz   not null,
    expires_at     timestamptz   not null,
    consumed_at    timestamptz
);
create index authorization_code_expires on authorization_code (expires_at);

-- Failure counters for rate limits (login per username and per address), shared by every instance.
create table throttle (
    key          varchar(300) collate "C" primary key,
    window_start timestamptz  not null,
    failures     int          not null
);
