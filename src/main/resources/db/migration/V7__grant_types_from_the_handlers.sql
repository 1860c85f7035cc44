-- Which grant types exist is the grant handlers' business: each declares its own, and client registration
-- checks a client's grant_types against them. The table no longer lists them, so a new grant needs no
-- change here.
alter table client_grant_type drop constraint client_grant_type_grant_type_check;
