-- The owner who uploaded a data set name, for the per-owner quota on uploaded bytes (null: uploaded
-- before owners existed, counted as "anonymous").
alter table dataset add column owner varchar(100);
