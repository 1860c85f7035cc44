-- OpenID Connect (Core 1.0): the scopes every OpenID Provider has, the claims users carry, what clients choose
-- for their id_tokens and where they may be sent after logout, and what an id_token must repeat.
insert into scope (name, description) values
    ('openid', 'Sign you in with your account'),
    ('profile', 'Your name and username'),
    ('email', 'Your email address')
on conflict (name) do nothing;

-- Claims released by scope (OpenID Connect Core §5.4): profile, email.
alter table app_user
    add column name           varchar(200),
    add column given_name     varchar(100),
    add column family_name    varchar(100),
    add column email          varchar(320),
    add column email_verified boolean not null default false;

-- OpenID Connect Registration §2: RS256 unless the client asks for another of the algorithms we sign with.
alter table client
    add column id_token_signed_response_alg varchar(8) not null default 'RS256'
        check (id_token_signed_response_alg in ('RS256', 'ES256'));

-- RP-Initiated Logout §3.1: only these, exactly, are redirected to after logout.
create table client_post_logout_redirect_uri (
    client_id varchar(64)   not null references client (client_id) on delete cascade,
    position  int           not null,
    uri       varchar(2000) not null,
    primary key (client_id, position),
    constraint client_post_logout_redirect_uri_unique unique (client_id, uri)
);

-- One active signing key per algorithm: ES256 (access tokens by default) and RS256 (id_tokens by default).
drop index signing_key_one_active;
create unique index signing_key_one_active_per_algorithm on signing_key (algorithm) where retired_at is null;

-- What an id_token must carry from the authorization request and the login: the nonce (code exchange only),
-- and when the user authenticated (kept with the grant for the id_tokens of its refreshes).
alter table authorization_code
    add column nonce     varchar(500),
    add column auth_time timestamptz;
alter table grant_family
    add column auth_time timestamptz;

-- RFC 6749 §10.2: a public client cannot be authenticated, so its user is asked again unless they chose to
-- be remembered; a confidential client's consent is always remembered.
alter table consent
    add column remembered boolean not null default true;
