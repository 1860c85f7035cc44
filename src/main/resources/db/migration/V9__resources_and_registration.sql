-- Resource servers (RFC 8707): the APIs a token may be asked for with `resource`. A token for one carries it as
-- `aud`, only the scopes it accepts, and the `typ` it accepts (RFC 9068 `at+jwt`, or `JWT` for servers that
-- accept nothing else).
create table resource (
    id               varchar(64)   collate "C" primary key,
    uri              varchar(2000) collate "C" not null,
    name             varchar(200)  not null,
    access_token_typ varchar(8)    not null default 'at+jwt' check (access_token_typ in ('at+jwt', 'JWT')),
    created_at       timestamptz   not null default now(),
    updated_at       timestamptz   not null default now(),
    constraint resource_uri_key unique (uri)
);

-- A scope a resource accepts cannot be deleted while it does (restrict), like a scope a client is allowed.
create table resource_scope (
    resource_id varchar(64)  not null references resource (id) on delete cascade,
    scope_name  varchar(200) not null references scope (name) on delete restrict,
    primary key (resource_id, scope_name)
);
create index resource_scope_scope on resource_scope (scope_name);

-- The resources a client may ask for, by URI (what it sends); a resource in use cannot be deleted, and a
-- changed URI follows.
create table client_allowed_resource (
    client_id    varchar(64)   not null references client (client_id) on delete cascade,
    resource_uri varchar(2000) collate "C" not null references resource (uri) on delete restrict on update cascade,
    primary key (client_id, resource_uri)
);
create index client_allowed_resource_uri on client_allowed_resource (resource_uri);

-- What the authorization request asked for, kept with the code and then with its grant: the token endpoint
-- may narrow to some of them, never widen (RFC 8707 §2.2). Space-separated absolute URIs; null for none.
alter table authorization_code add column resources text;
alter table grant_family add column resources text;

-- RFC 7591 client metadata, and what RFC 7592 management and the purge of unused registrations need.
alter table client
    add column client_uri                  varchar(2000),
    add column logo_uri                    varchar(2000),
    add column contacts                    text[]      not null default '{}',
    add column token_endpoint_auth_method  varchar(32) not null default 'client_secret_basic'
        check (token_endpoint_auth_method in ('client_secret_basic', 'client_secret_post', 'none')),
    -- set only for a client that registered itself: the hash of its registration access token (RFC 7592)
    add column registration_token_hash     bytea,
    -- when the client was first issued a token: a self-registered client that never is gets purged
    add column first_token_at              timestamptz;
update client set token_endpoint_auth_method = 'none' where client_type = 'public';
alter table client add constraint client_auth_method_matches_type
    check ((client_type = 'public') = (token_endpoint_auth_method = 'none'));
create index client_unused_registration on client (created_at)
    where registration_token_hash is not null and first_token_at is null;

-- Many installs of one app register themselves under one name: names stay unique among the clients an
-- administrator made, and a self-registered client's name is marked as unverified where users see it.
alter table client drop constraint client_name_key;
create unique index client_name_key on client (name) where registration_token_hash is null;

-- Initial access tokens for registration in `token` mode (RFC 7591 §3): stored only as hashes, each good for
-- a number of registrations until it expires.
create table registration_token (
    id         varchar(64) collate "C" primary key,
    token_hash bytea       not null,
    expires_at timestamptz not null,
    max_uses   int         not null check (max_uses > 0),
    uses       int         not null default 0,
    created_at timestamptz not null default now(),
    constraint registration_token_hash_key unique (token_hash)
);
