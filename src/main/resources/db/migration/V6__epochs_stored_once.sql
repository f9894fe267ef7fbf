-- An epoch's metrics lived three times: a row of job_epoch, the JSON of its EPOCH event, and the
-- epochs of the stored result. job_epoch is now the only copy: an EPOCH event names its epoch and is
-- read joined to that row, and results are stored without their epochs (they are attached on read).
-- job_epoch and the EPOCH event have been written in one transaction since V1, and deleted together
-- when a new attempt starts, so every EPOCH event has its row.
alter table job_event add column epoch integer;
update job_event set epoch = cast(substring(reason from 7) as integer) where type = 'EPOCH';
alter table job_event drop column data;
