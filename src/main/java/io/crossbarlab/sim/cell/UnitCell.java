package io.crossbarlab.sim.cell;

/**
 * The weight of one unit cell of Ambrogio et al. (2018), written once in the paper's terms:
 *
 * <pre>
 *   W = F·(G+ − G−) + p·(g − g_shared)
 * </pre>
 *
 * with G± the PCM pair (µS), F the gain factor, p = ±1 the polarity flipped at each transfer, g the
 * read conductance of the cell's 3T1C and g_shared that of its column's shared reference cell (µS).
 * The tiles keep a folded form of it for speed (the part pulses do not change, plus p·g); property
 * tests pin that form to this one.
 */
public final class UnitCell {

    private UnitCell() {}

    /**
     * W in µS of effective conductance.
     *
     * @param gain F
     * @param pcmDifference G+ − G−, µS (as read: with drift and read noise)
     * @param polarity p, +1 or −1
     * @param g the cell's 3T1C read conductance, µS
     * @param gShared the shared reference cell's read conductance, µS
     */
    public static double microsiemens(double gain, double pcmDifference, int polarity, double g, double gShared) {
        return gain * pcmDifference + polarity * (g - gShared);
    }

    /** W in network units: {@link #microsiemens} over the weight scale (µS per unit of weight). */
    public static double weight(
            double gain, double pcmDifference, int polarity, double g, double gShared, double weightScale) {
        return microsiemens(gain, pcmDifference, polarity, g, gShared) / weightScale;
    }
}
