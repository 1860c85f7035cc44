-- JWT signing keys, shared by every instance. The private key is AES-256-GCM encrypted under
-- LATCHKEY_KEY_ENCRYPTION_KEY (12-byte IV || ciphertext || tag, the kid as associated data).
create table signing_key (
    kid         varchar(64) collate "C" primary key,
    algorithm   varchar(16) not null check (algorithm in ('ES256', 'RS256')),
    public_jwk  text        not null,
    private_key bytea       not null,
    created_at  timestamptz not null,
    -- set when a newer key takes over; the public key stays published until its tokens have expired
    retired_at  timestamptz
);
create unique index signing_key_one_active on signing_key ((retired_at is null)) where retired_at is null;

-- One authorization grant: a code exchange and every refresh token rotated from it. Revoking it (code
-- replay, refresh-token reuse, revocation, a withdrawn consent) ends all its tokens at once.
create table grant_family (
    id         uuid        primary key,
    client_id  varchar(64) collate "C" not null references client (client_id) on delete cascade,
    user_id    uuid        not null references app_user (id) on delete cascade,
    code_hash  bytea       unique,
    scopes     text        not null,
    created_at timestamptz not null,
    revoked_at timestamptz
);
create index grant_family_user_client on grant_family (user_id, client_id);
create index grant_family_client on grant_family (client_id);

-- Refresh tokens: SHA-256 of 256 random bits. rotated_at marks one that was used (and replaced).
create table refresh_token (
    token_hash bytea       primary key,
    family_id  uuid        not null references grant_family (id) on delete cascade,
    client_id  varchar(64) collate "C" not null,
    scopes     text        not null,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    rotated_at timestamptz
);
create index refresh_token_family on refresh_token (family_id);
create index refresh_token_expires on refresh_token (expires_at);

-- Access tokens are JWTs; one revoked early is remembered here until it would have expired.
create table revoked_access_token (
    jti        varchar(64) collate "C" primary key,
    expires_at timestamptz not null
);
create index revoked_access_token_expires on revoked_access_token (expires_at);
