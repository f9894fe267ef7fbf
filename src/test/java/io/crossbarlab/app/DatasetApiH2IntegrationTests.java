package io.crossbarlab.app;

/** The data set API suite on the default embedded database (shares the job suite's context). */
@H2ServiceTest
class DatasetApiH2IntegrationTests extends DatasetApiSuite {}
