package io.crossbarlab.app;

/** The job API suite on the default embedded database: a fresh H2 file in PostgreSQL mode. */
@H2ServiceTest
class JobApiH2IntegrationTests extends JobApiSuite {}
