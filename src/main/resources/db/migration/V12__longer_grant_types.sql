-- Grant types named by URN (RFC 8693's token exchange, RFC 8628's device code) are longer than 32 characters.
alter table client_grant_type alter column grant_type type varchar(64);
