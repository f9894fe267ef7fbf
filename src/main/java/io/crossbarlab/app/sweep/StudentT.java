package io.crossbarlab.app.sweep;

/**
 * Student's t distribution: its distribution function through the regularised incomplete beta
 * function, P(T ≤ t) = 1 − I_x(ν/2, 1/2)/2 for t ≥ 0 with x = ν/(ν + t²), and its quantiles by
 * bisection on that function. The incomplete beta is evaluated by its continued fraction (modified
 * Lentz), after Abramowitz and Stegun 26.5.8 and the treatment in Press et al., Numerical Recipes,
 * §6.4; ln Γ by the Lanczos approximation (g = 7, nine coefficients).
 */
public final class StudentT {

    private static final double[] LANCZOS = {
        0.9999999999998099,
        676.5203681218851,
        -1259.1392167224028,
        771.3234287776531,
        -176.6150291621406,
        12.507343278686905,
        -0.13857109526572012,
        9.984369578019572e-6,
        1.5056327351493116e-7
    };

    private StudentT() {}

    /** P(T ≤ t) for ν = {@code df} degrees of freedom. */
    public static double cdf(double t, double df) {
        if (df <= 0) {
            throw new IllegalArgumentException("degrees of freedom must be positive (was " + df + ")");
        }
        double tail = 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5);
        return t >= 0 ? 1 - tail : tail;
    }

    /** The {@code p}-quantile of t with {@code df} degrees of freedom, to about 1e-12 relative. */
    public static double quantile(double p, double df) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("p must be in (0, 1) (was " + p + ")");
        }
        if (p < 0.5) {
            return -quantile(1 - p, df);
        }
        double lo = 0;
        double hi = 1;
        while (cdf(hi, df) < p) {
            hi *= 2;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) {
            double mid = 0.5 * (lo + hi);
            if (cdf(mid, df) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** The regularised incomplete beta function I_x(a, b). */
    static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
        // the continued fraction converges fast for x < (a + 1)/(a + b + 2); use the symmetry otherwise
        if (x < (a + 1) / (a + b + 2)) {
            return front * betaFraction(x, a, b) / a;
        }
        return 1 - front * betaFraction(1 - x, b, a) / b;
    }

    private static double betaFraction(double x, double a, double b) {
        final double tiny = 1e-300;
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = 1 / (Math.abs(d) < tiny ? tiny : d);
        double h = d;
        for (int m = 1; m <= 10_000; m++) {
            int m2 = 2 * m;
            double num = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + num * d;
            d = 1 / (Math.abs(d) < tiny ? tiny : d);
            c = 1 + num / c;
            c = Math.abs(c) < tiny ? tiny : c;
            h *= d * c;
            num = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + num * d;
            d = 1 / (Math.abs(d) < tiny ? tiny : d);
            c = 1 + num / c;
            c = Math.abs(c) < tiny ? tiny : c;
            double step = d * c;
            h *= step;
            if (Math.abs(step - 1) < 1e-15) {
                return h;
            }
        }
        return h;
    }

    /** ln Γ(x) for x > 0. */
    static double lnGamma(double x) {
        if (x < 0.5) {
            // reflection: Γ(x)Γ(1 − x) = π / sin(πx)
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
        }
        double z = x - 1;
        double sum = LANCZOS[0];
        double t = z + 7.5;
        for (int i = 1; i < LANCZOS.length; i++) {
            sum += LANCZOS[i] / (z + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
    }
}
