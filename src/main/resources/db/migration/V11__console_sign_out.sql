-- The id_token the console's sign-in got: signing out of the console hands it to the end-session endpoint
-- (OpenID Connect RP-Initiated Logout) as id_token_hint, so the login session ends too without another question.
alter table console_session add column id_token text;

-- The console's audit filter by actor ("what did this administrator do"): without it a rare actor means reading
-- the whole trail backwards (100,000 events: 25 ms, and growing with the trail).
create index audit_event_actor on audit_event (actor, id);
