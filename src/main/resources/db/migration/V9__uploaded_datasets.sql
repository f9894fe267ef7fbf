-- Uploaded data sets. Content is stored once per SHA-256 of its canonical form (DatasetCodec), gzip-
-- compressed and cut into chunks of at most 1 MiB, so that no database holds one huge value and a
-- node streams it in. A name points at one content for ever: names are never rebound, so a run that
-- names a data set (and a result memoised from it) always means the same examples.

create table dataset_content (
    sha256       varchar(64) primary key,
    stored_bytes bigint      not null,
    chunks       integer     not null,
    created_at   timestamp with time zone not null
);

create table dataset_chunk (
    sha256 varchar(64) not null references dataset_content (sha256) on delete cascade,
    seq    integer     not null,
    bytes  bytea       not null,
    primary key (sha256, seq)
);

create table dataset (
    name                varchar(64)  primary key,
    sha256              varchar(64)  not null references dataset_content (sha256),
    description         varchar(500),
    layout              varchar(8)   not null,
    train_examples      integer      not null,
    test_examples       integer      not null,
    features            integer      not null,
    classes             integer      not null,
    scale_exact         boolean      not null,
    scale_low           double precision not null,
    scale_high          double precision not null,
    clipped_test_values bigint       not null,
    upload_bytes        bigint       not null,
    created_at          timestamp with time zone not null
);
