package io.crossbarlab.app;

/** The sweep API suite on the default embedded database (shares the job suite's context). */
@H2ServiceTest
class SweepApiH2IntegrationTests extends SweepApiSuite {}
