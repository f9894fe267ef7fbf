package io.crossbarlab.app.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossbarlab.app.system.StrictJson;
import io.crossbarlab.sim.nn.RunSpec;
import io.crossbarlab.sim.nn.SimulationSpec;
import io.crossbarlab.sim.preset.DeviceParameter;
import io.crossbarlab.sim.preset.InvalidSpecException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/** Dotted paths into the one unresolved spec: set, read, and refused with the path named. */
class SpecPathsTests {

    static final JsonMapper JSON = StrictJson.strict(JsonMapper.builder()).build();
    static final JsonNodeFactory N = JsonNodeFactory.instance;

    static final SimulationSpec BASE =
            new SimulationSpec(null, new SimulationSpec.NetworkSpec(List.of(784, 250, 10), null), null, null, null, 7L);

    @Test
    void pathsSetNestedFieldsOverridesAndListElements() {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        values.put("device.overrides.gainFactor", N.numberNode(5));
        values.put("training.learningRate", N.numberNode(0.05));
        values.put("network.layers[1]", N.numberNode(100));
        values.put("device.scheme", N.stringNode("PCM_3T1C"));
        SimulationSpec s = SpecPaths.with(JSON, BASE, values);

        RunSpec run = RunSpec.resolve(s, 0);
        assertThat(run.device().get(DeviceParameter.GAIN_FACTOR)).isEqualTo(5.0);
        assertThat(run.learningRate()).isEqualTo(0.05);
        assertThat(run.layers()).containsExactly(784, 100, 10);
        assertThat(run.seed()).isEqualTo(7L);
        assertThat(SpecPaths.get(JSON, s, "device.overrides.gainFactor").asInt())
                .isEqualTo(5);
        assertThat(SpecPaths.get(JSON, s, "network.layers[1]").asInt()).isEqualTo(100);
        // the base is not changed
        assertThat(BASE.network().layers()).containsExactly(784, 250, 10);
        assertThat(SpecPaths.get(JSON, BASE, "device.overrides.gainFactor")).isNull();
    }

    @Test
    void aValueOutOfRangeIsReportedAtThePathItWasSetAt() {
        SimulationSpec s = SpecPaths.with(JSON, BASE, Map.of("device.overrides.gainFactor", N.numberNode(50)));
        assertThatThrownBy(() -> RunSpec.resolve(s, 0))
                .isInstanceOfSatisfying(
                        InvalidSpecException.class,
                        e -> assertThat(e.violations())
                                .extracting(InvalidSpecException.Violation::field)
                                .containsExactly("device.overrides.gainFactor"));
    }

    @Test
    void badPathsAndValuesNameThePath() {
        assertThatThrownBy(() -> SpecPaths.with(JSON, BASE, Map.of("device.overides.gainFactor", N.numberNode(3))))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> {
                    assertThat(e.violations().get(0).field()).isEqualTo("device.overides");
                    assertThat(e.violations().get(0).message())
                            .contains("unknown property")
                            .contains("overrides");
                });
        assertThatThrownBy(() -> SpecPaths.with(JSON, BASE, Map.of("training.epochs", N.stringNode("ten"))))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> {
                    assertThat(e.violations().get(0).field()).isEqualTo("training.epochs");
                    assertThat(e.violations().get(0).message()).contains("integer");
                });
        assertThatThrownBy(() -> SpecPaths.with(JSON, BASE, Map.of("network.layers[5]", N.numberNode(3))))
                .isInstanceOfSatisfying(
                        InvalidSpecException.class,
                        e -> assertThat(e.violations())
                                .extracting(InvalidSpecException.Violation::field)
                                .containsExactly("network.layers[5]"));
        assertThatThrownBy(() -> SpecPaths.with(JSON, BASE, Map.of("device..scheme", N.stringNode("x"))))
                .isInstanceOfSatisfying(
                        InvalidSpecException.class,
                        e -> assertThat(e.violations().get(0).message()).contains("not a spec path"));
    }
}
