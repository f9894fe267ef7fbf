package io.crossbarlab.app.sweep;

import java.util.ArrayList;
import java.util.List;

/**
 * The Pareto front of a sweep's points in (mean test accuracy, mean energy efficiency), both to be
 * maximised: a point is on it when no other point is at least as good in both and better in one.
 */
final class Pareto {

    private Pareto() {}

    /** {@code points} with {@code pareto} set; null for a point that lacks either mean. */
    static List<SweepView.Point> mark(List<SweepView.Point> points) {
        List<SweepView.Point> out = new ArrayList<>(points.size());
        for (SweepView.Point p : points) {
            Boolean front = null;
            if (has(p)) {
                front = Boolean.TRUE;
                for (SweepView.Point q : points) {
                    // a point never dominates itself (dominates needs one strict inequality)
                    if (has(q) && dominates(q, p)) {
                        front = Boolean.FALSE;
                        break;
                    }
                }
            }
            out.add(new SweepView.Point(
                    p.index(),
                    p.parameters(),
                    p.runs(),
                    p.testAccuracy(),
                    p.trainAccuracy(),
                    p.energyEfficiencyGopsPerWatt(),
                    p.throughputPerAreaTopsPerMm2(),
                    p.secondsPerExample(),
                    front));
        }
        return out;
    }

    private static boolean has(SweepView.Point p) {
        return p.testAccuracy().mean() != null
                && p.energyEfficiencyGopsPerWatt().mean() != null;
    }

    private static boolean dominates(SweepView.Point q, SweepView.Point p) {
        double qa = q.testAccuracy().mean();
        double qe = q.energyEfficiencyGopsPerWatt().mean();
        double pa = p.testAccuracy().mean();
        double pe = p.energyEfficiencyGopsPerWatt().mean();
        return qa >= pa && qe >= pe && (qa > pa || qe > pe);
    }
}
