-- Identifiers sort bytewise (collate "C"): list cursors then mean the same thing on every server.
-- Scopes the server knows (RFC 6749 §3.3 scope-tokens).
create table scope (
    name        varchar(200)  collate "C" primary key,
    description varchar(1000) not null default '',
    created_at  timestamptz   not null default now()
);

-- Registered OAuth clients. A public client has no secret; a confidential one has only its hash.
create table client (
    client_id    varchar(64)  collate "C" primary key,
    name         varchar(200) not null,
    client_type  varchar(16)  not null check (client_type in ('confidential', 'public')),
    secret_hash  bytea,
    require_pkce boolean      not null default true,
    enabled      boolean      not null default true,
    created_at   timestamptz  not null default now(),
    updated_at   timestamptz  not null default now(),
    constraint client_name_key unique (name),
    constraint client_secret_matches_type check ((client_type = 'confidential') = (secret_hash is not null)),
    constraint client_public_requires_pkce check (client_type = 'confidential' or require_pkce)
);

create table client_redirect_uri (
    client_id varchar(64)   not null references client (client_id) on delete cascade,
    position  int           not null,
    uri       varchar(2000) not null,
    primary key (client_id, position),
    constraint client_redirect_uri_unique unique (client_id, uri)
);

-- A scope in use by a client cannot be deleted (restrict), so a client never names an unknown scope.
create table client_allowed_scope (
    client_id  varchar(64)  not null references client (client_id) on delete cascade,
    scope_name varchar(200) not null references scope (name) on delete restrict,
    primary key (client_id, scope_name)
);
create index client_allowed_scope_scope on client_allowed_scope (scope_name);

-- Default scopes are a subset of the allowed ones, by construction.
create table client_default_scope (
    client_id  varchar(64)  not null,
    scope_name varchar(200) not null,
    primary key (client_id, scope_name),
    foreign key (client_id, scope_name) references client_allowed_scope (client_id, scope_name)
        on delete cascade deferrable initially deferred
);

create table client_grant_type (
    client_id  varchar(64) not null references client (client_id) on delete cascade,
    grant_type varchar(32) not null check (grant_type in ('authorization_code', 'refresh_token', 'client_credentials')),
    primary key (client_id, grant_type)
);

-- Resource owners who log in at the authorization endpoint. Passwords: bcrypt only.
create table app_user (
    id            uuid         primary key,
    username      varchar(64)  collate "C" not null,
    password_hash varchar(100) not null,
    created_at    timestamptz  not null default now(),
    constraint app_user_username_key unique (username)
);
