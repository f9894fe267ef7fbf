-- Events carry the attempt that wrote them (a requeued job's history shows one run's epochs), and
-- the nodes of a cluster share keys, such as the one that signs page tokens.

alter table job_event add column attempt integer;

create table service_key (
    name    varchar(50)  primary key,
    secret  varchar(200) not null
);
