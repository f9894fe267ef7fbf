-- Measured device tables (a PCM jump table or a 3T1C step table) uploaded once and referenced from
-- specs by the SHA-256 of their canonical JSON. The service writes the table's arrays into the spec it
-- stores, so a job's spec is complete on its own and a memoised result is keyed by the table's values.

create table device_table (
    sha256     varchar(64)     primary key,
    kind       varchar(16)     not null,
    points     integer         not null,
    body       varchar(1000000) not null,
    created_at timestamp with time zone not null
);
