package io.crossbarlab.app.job;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

/** Reads of jobs. Writes go through the guarded SQL of {@link JobSubmissions}, {@link JobLeases} and {@link
 * JobProgress}. */
public interface JobRepository extends JpaRepository<Job, UUID> {}
