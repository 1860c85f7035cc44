-- What a user may do beyond signing in to apps: `admin` lets them into the admin console.
alter table app_user add column roles text[] not null default '{}'
    check (roles <@ array['admin']::text[]);

-- The admin console's sessions, by the hash of the cookie's value: an administrator signed in through the
-- console's own code flow. A session ends at its expiry, at sign-out, or with its user.
create table console_session (
    id_hash    bytea       primary key,
    user_id    uuid        not null references app_user (id) on delete cascade,
    created_at timestamptz not null,
    expires_at timestamptz not null
);
create index console_session_expires on console_session (expires_at);
