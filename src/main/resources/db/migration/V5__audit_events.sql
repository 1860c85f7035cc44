-- Who did what, when, from where: logins, consents, codes, tokens, revocations, failed client
-- authentication, management changes. Never a secret, code or token.
create table audit_event (
    id        bigserial    primary key,
    at        timestamptz  not null,
    type      varchar(40)  not null,
    actor     varchar(200),
    client_id varchar(64)  collate "C",
    subject   varchar(200),
    address   varchar(64),
    detail    varchar(500)
);
create index audit_event_at on audit_event (at);
create index audit_event_type on audit_event (type, id);
create index audit_event_client on audit_event (client_id, id);
create index throttle_window on throttle (window_start);
