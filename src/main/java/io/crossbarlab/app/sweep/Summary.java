package io.crossbarlab.app.sweep;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A metric over the runs of one sweep point: how many runs have it, their mean, their sample
 * standard deviation (n − 1 in the denominator) and the 95 % confidence interval of the mean from
 * Student's t distribution with n − 1 degrees of freedom, mean ± t(0.975, n − 1)·std/√n. The
 * standard deviation and the interval need two runs; the mean needs one.
 */
@Schema(description = "A metric over the runs of a point: n, mean, sample std and the 95 % Student-t interval")
public record Summary(
        @Schema(description = "Runs that have the metric (SUCCEEDED runs)", example = "3")
        int n,

        @Schema(description = "Mean, or null without runs", example = "0.9518")
        Double mean,

        @Schema(description = "Sample standard deviation (n − 1), or null below two runs", example = "0.0019")
        Double std,

        @Schema(description = "Lower end of the 95 % confidence interval of the mean, or null below two runs")
        Double ci95Low,

        @Schema(description = "Upper end of the 95 % confidence interval of the mean, or null below two runs")
        Double ci95High) {

    static final Summary EMPTY = new Summary(0, null, null, null, null);

    /** The summary of {@code n} values ({@code values[0..n)}; NaN values are not counted). */
    public static Summary of(double[] values, int n) {
        int k = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(values[i])) {
                sum += values[i];
                k++;
            }
        }
        if (k == 0) {
            return EMPTY;
        }
        double mean = sum / k;
        if (k == 1) {
            return new Summary(1, mean, null, null, null);
        }
        double squares = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(values[i])) {
                double d = values[i] - mean;
                squares += d * d;
            }
        }
        double std = Math.sqrt(squares / (k - 1));
        double half = StudentT.quantile(0.975, k - 1) * std / Math.sqrt(k);
        return new Summary(k, mean, std, mean - half, mean + half);
    }
}
