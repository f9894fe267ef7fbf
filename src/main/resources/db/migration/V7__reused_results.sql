-- Memoised runs: a job whose resolved spec, seed and simulator version equal a finished job's is
-- answered from that job instead of run again, and names it here. Its epochs are that job's rows.
alter table job add column reused_from uuid;
create index job_reuse_idx on job (spec_hash, seed, simulator_version, state);
