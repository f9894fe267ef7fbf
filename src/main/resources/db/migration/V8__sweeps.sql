-- Sweeps: a study over spec fields x seeds that expands into ordinary jobs. A sweep's state is
-- derived from its jobs; the sweep row keeps what was asked (base spec, seeds, scheduling options)
-- and each point's parameter values, so that it can be shown, extended and exported.

create table sweep (
    id                      uuid primary key,
    name                    varchar(200),
    created_at              timestamp with time zone not null,
    base                    varchar(1000000) not null,
    seeds                   varchar(100000) not null,
    priority                integer not null,
    max_tiles               integer,
    reuse                   boolean not null,
    wall_time_limit_seconds bigint,
    cancelled_at            timestamp with time zone
);

create index sweep_created_idx on sweep (created_at desc, id desc);

create table sweep_label (
    sweep_id    uuid         not null references sweep (id) on delete cascade,
    label_key   varchar(100) not null,
    label_value varchar(200) not null,
    primary key (sweep_id, label_key)
);

create index sweep_label_kv_idx on sweep_label (label_key, label_value);

create table sweep_point (
    sweep_id    uuid    not null references sweep (id) on delete cascade,
    point       integer not null,
    parameters  varchar(100000) not null,
    primary key (sweep_id, point)
);

-- a sweep's runs; the scheduler sums the tiles a sweep's held jobs take against its max_tiles
alter table job add column sweep_id uuid references sweep (id);
alter table job add column sweep_point integer;
create index job_sweep_idx on job (sweep_id, state);
-- one run per point and seed: two requests extending a sweep at once cannot both add the same run
create unique index job_sweep_run_idx on job (sweep_id, sweep_point, seed);
