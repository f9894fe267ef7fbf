-- A job's labels lived twice: as JSON in job.labels and as rows in job_label (the filter index).
-- The rows are written in the same transaction as the job since V1, so they hold every label;
-- the JSON copy goes.
alter table job drop column labels;
