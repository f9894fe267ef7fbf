package io.crossbarlab.app.job;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

/** Reads of jobs. Writes go through {@link JobStore}'s guarded SQL. */
public interface JobRepository extends JpaRepository<Job, UUID> {}
