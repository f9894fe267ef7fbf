package io.crossbarlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The in-process exposition checker finds each kind of format error and naming problem it names. */
class ExpositionFormatTests {

    static final String GOOD = """
            # HELP crossbar_jobs_submitted_total Jobs accepted
            # TYPE crossbar_jobs_submitted_total counter
            crossbar_jobs_submitted_total{application="crossbar-lab"} 3.0
            # HELP crossbar_job_run_seconds Run time
            # TYPE crossbar_job_run_seconds histogram
            crossbar_job_run_seconds_bucket{le="1.0"} 1
            crossbar_job_run_seconds_bucket{le="10.0"} 2
            crossbar_job_run_seconds_bucket{le="+Inf"} 2
            crossbar_job_run_seconds_count 2
            crossbar_job_run_seconds_sum 4.5
            # HELP crossbar_jobs Jobs by state
            # TYPE crossbar_jobs gauge
            crossbar_jobs{state="QUEUED",note="a \\"quoted\\\\ value\\n"} 0 1700000000000
            crossbar_jobs{state="RUNNING"} NaN
            """;

    @Test
    void aWellFormedExpositionHasNoErrorsAndNoLint() {
        ExpositionFormat f = ExpositionFormat.read(GOOD);
        assertThat(f.errors()).isEmpty();
        assertThat(f.lint("crossbar_")).isEmpty();
        assertThat(f.families()).containsKeys("crossbar_jobs_submitted_total", "crossbar_job_run_seconds");
        assertThat(f.families().get("crossbar_job_run_seconds").samples()).hasSize(5);
        assertThat(f.families().get("crossbar_jobs").samples().get(0).labels().get("note"))
                .isEqualTo("a \"quoted\\ value\n");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "crossbar_jobs_submitted_total{application=\"crossbar-lab\"} 3.0|crossbar_jobs_submitted_total{application=\"crossbar-lab\"} 3.0\\ncrossbar_jobs_submitted_total{application=\"crossbar-lab\"} 4|duplicate series",
                "crossbar_jobs_submitted_total{application=\"crossbar-lab\"} 3.0|crossbar_jobs_submitted_total{application=\"crossbar-lab\"} three|invalid value",
                "crossbar_jobs_submitted_total{application=\"crossbar-lab\"} 3.0|crossbar_jobs_submitted_total{application=\"crossbar-lab} 3|unterminated label value",
                "crossbar_jobs_submitted_total{application=\"crossbar-lab\"} 3.0|crossbar_jobs_submitted_total{1a=\"x\"} 3|invalid label name",
                "crossbar_jobs_submitted_total{application=\"crossbar-lab\"} 3.0|crossbar_jobs_submitted_total{a=\"x\\q\"} 3|invalid escape",
                "crossbar_jobs_submitted_total{application=\"crossbar-lab\"} 3.0|crossbar_jobs_submitted_total{a=\"x\",a=\"y\"} 3|given twice",
                "crossbar_jobs_submitted_total{application=\"crossbar-lab\"} 3.0|crossbar_jobs_submitted_total 3 12 13|trailing data",
                "crossbar_jobs_submitted_total{application=\"crossbar-lab\"} 3.0|crossbar_jobs_submitted_total 3 soon|invalid timestamp",
                "TYPE crossbar_jobs_submitted_total counter|TYPE crossbar_jobs_submitted_total counter\\n# TYPE crossbar_jobs_submitted_total counter|second TYPE",
                "TYPE crossbar_jobs_submitted_total counter|TYPE crossbar_jobs_submitted_total countr|unknown metric type",
                "crossbar_job_run_seconds_bucket{le=\"+Inf\"} 2|crossbar_job_run_seconds_bucket{le=\"20.0\"} 2|no +Inf bucket",
                "crossbar_job_run_seconds_bucket{le=\"10.0\"} 2|crossbar_job_run_seconds_bucket{le=\"10.0\"} 0|bucket counts decrease",
                "crossbar_job_run_seconds_count 2|crossbar_job_run_seconds_count 7|_count differs",
            })
    void findsEachKindOfFormatError(String replace, String with, String expected) {
        String bad = GOOD.replace(replace, with.replace("\\n", "\n"));
        assertThat(bad).isNotEqualTo(GOOD);
        assertThat(ExpositionFormat.read(bad).errors())
                .anySatisfy(e -> assertThat(e).contains(expected));
    }

    @Test
    void findsAFamilySplitIntoTwoGroupsAndTypeAfterSamples() {
        String split = GOOD + "crossbar_jobs_submitted_total{application=\"other\"} 1\n";
        assertThat(ExpositionFormat.read(split).errors())
                .anySatisfy(e -> assertThat(e).contains("not in one group"));
        String late = "x_total 1\n# TYPE x_total counter\n";
        assertThat(ExpositionFormat.read(late).errors())
                .anySatisfy(e -> assertThat(e).contains("after its samples"));
    }

    @Test
    void lintsNamesAsPromtoolDoes() {
        String text = """
                # TYPE crossbar_requests counter
                crossbar_requests 1
                # HELP crossbar_queue_total q
                # TYPE crossbar_queue_total gauge
                crossbar_queue_total 1
                # HELP crossbar_waitTime_milliseconds w
                # TYPE crossbar_waitTime_milliseconds gauge
                crossbar_waitTime_milliseconds{jobId="x"} 1
                # HELP other_requests x
                # TYPE other_requests counter
                other_requests 1
                """;
        ExpositionFormat f = ExpositionFormat.read(text);
        assertThat(f.errors()).isEmpty();
        assertThat(f.lint("crossbar_"))
                .anySatisfy(l -> assertThat(l).contains("crossbar_requests: no help text"))
                .anySatisfy(l -> assertThat(l).contains("crossbar_requests: counter metrics should have \"_total\""))
                .anySatisfy(l -> assertThat(l).contains("crossbar_queue_total: non-counter"))
                .anySatisfy(l -> assertThat(l).contains("'snake_case' not 'camelCase'"))
                .anySatisfy(l -> assertThat(l).contains("use base unit \"seconds\" instead of \"milliseconds\""))
                .anySatisfy(l -> assertThat(l).contains("label names should be written in 'snake_case'"))
                .noneSatisfy(l -> assertThat(l).contains("other_requests"));
    }
}
