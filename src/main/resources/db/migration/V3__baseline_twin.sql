-- A job may have a floating-point twin: the same spec and seed trained in FP32 as its baseline.

alter table job add column baseline_job_id uuid;
alter table job add column baseline_of uuid;
