-- A job's work (synapse-examples of training), by which the scheduler tells long jobs from short ones,
-- and the wall-time limit of each of its attempts.

alter table job add column work bigint not null default 0;
alter table job add column wall_time_limit_seconds bigint not null default 7200;
