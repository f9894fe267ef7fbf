-- A running job's last epoch checkpoint (the simulator's whole state, Java-serialised), so that a new
-- attempt after a node dies continues from it with the same bits instead of starting over. One per
-- job, replaced at each checkpoint, removed when the job ends.

create table job_checkpoint (
    job_id uuid    not null references job (id) on delete cascade,
    seq    integer not null,
    bytes  bytea   not null,
    primary key (job_id, seq)
);

alter table job add column checkpoint_epoch integer;
