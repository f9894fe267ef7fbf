package io.crossbarlab.sim.cell;

import io.crossbarlab.sim.preset.DevicePresets;

/** How a weight is held: the unit-cell scheme of a run. */
public enum Scheme {
    /** Software baseline: FP32 weights, exact SGD updates. */
    FLOATING_POINT(DevicePresets.FLOATING_POINT),
    /** Two PCM devices per weight updated directly by partial SET pulses (Burr et al. 2015). */
    PCM_PAIR(DevicePresets.PCM_PAIR_BURR_2015),
    /** 2PCM + 3T1C: W = F*(G+ - G-) + p*(g - g_shared), periodic transfer (Ambrogio et al. 2018). */
    PCM_3T1C(DevicePresets.AMBROGIO_2018);

    private final String defaultPreset;

    Scheme(String defaultPreset) {
        this.defaultPreset = defaultPreset;
    }

    /** The device preset used when a spec names this scheme but no preset. */
    public String defaultPreset() {
        return defaultPreset;
    }
}
