-- Rows stored before owners existed belong to "anonymous" (the owner of the anonymous mode); with
-- that written once, an owner is never null and no query needs to treat null as "anonymous". The
-- default keeps a process of the previous version, which inserts no owner, working during a rolling
-- upgrade (docs/operations.md).
update job set owner = 'anonymous' where owner is null;
update sweep set owner = 'anonymous' where owner is null;
update dataset set owner = 'anonymous' where owner is null;
alter table job alter column owner set default 'anonymous';
alter table sweep alter column owner set default 'anonymous';
alter table dataset alter column owner set default 'anonymous';
alter table job alter column owner set not null;
alter table sweep alter column owner set not null;
alter table dataset alter column owner set not null;
