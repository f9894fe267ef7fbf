-- Users: every job and sweep has an owner (the owner of the token that submitted it; "anonymous" in
-- the anonymous mode and for what was stored before owners existed), and API tokens are stored as the
-- SHA-256 of the token, never the token itself.

alter table job add column owner varchar(100);
alter table sweep add column owner varchar(100);
create index job_owner_idx on job (owner, created_at desc, id desc);
create index sweep_owner_idx on sweep (owner, created_at desc, id desc);

create table api_token (
    id          uuid                     primary key,
    owner       varchar(100)             not null,
    name        varchar(200),
    token_hash  varchar(64)              not null,
    admin       boolean                  not null,
    created_at  timestamp with time zone not null,
    revoked_at  timestamp with time zone
);
create unique index api_token_hash_idx on api_token (token_hash);
