package io.crossbarlab.app;

/** The job API suite on the default embedded database, H2 in PostgreSQL mode. */
@H2ServiceTest
class JobApiH2IntegrationTests extends JobApiSuite {}
