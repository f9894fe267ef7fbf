-- A succeeded job's trained weights, written in the transaction that ends it: an .npz (one array per
-- layer) cut into chunks of at most 1 MiB. A memoised job has none of its own; it reads its source's.

create table job_weights (
    job_id uuid    not null references job (id) on delete cascade,
    seq    integer not null,
    bytes  bytea   not null,
    primary key (job_id, seq)
);
