-- RFC 9449 §5.2 and RFC 9126 §6: per-client switches, off unless an administrator or the client turns them on.
alter table client add column dpop_bound_access_tokens boolean not null default false;
alter table client add column require_pushed_authorization_requests boolean not null default false;

-- RFC 9449 §5: a public client's refresh tokens stay bound, across rotations, to the key of the proof the
-- grant began with (its RFC 7638 thumbprint); null when the grant is not bound.
alter table grant_family add column dpop_jkt varchar(64) collate "C";

-- RFC 9449 §11.1: each proof (its key and jti, hashed) is accepted once, on any instance. A row is needed only
-- while the proof's iat is inside the acceptance window; the purge deletes it after that. Unlogged: no WAL
-- and no fsync on the token path; after a database crash the table starts empty, so a proof captured in the
-- minute before the crash could be replayed once (docs/architecture.md). No index on expires_at: the purge's scan
-- every few minutes costs less than an index entry on every token request.
create unlogged table dpop_proof (
    proof_hash bytea       primary key,
    expires_at timestamptz not null
);

-- RFC 9126: an authorization request pushed by an authenticated client, named by the hash of its request_uri.
-- It is read again at each step of the browser's authorization and deleted when the code is issued or the user
-- declines (single use), or by the purge once expired.
create table pushed_authorization_request (
    uri_hash   bytea       primary key,
    client_id  varchar(64) collate "C" not null references client (client_id) on delete cascade,
    parameters text        not null,
    created_at timestamptz not null,
    expires_at timestamptz not null
);
create index pushed_authorization_request_expires on pushed_authorization_request (expires_at);
