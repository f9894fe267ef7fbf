package io.crossbarlab.app.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossbarlab.app.system.LimitExceeded;
import io.crossbarlab.sim.preset.InvalidSpecException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Expanding grids, random spaces and lists into points. */
class PointsTests {

    private final JsonMapper json = JsonMapper.builder().build();

    private SweepDefinition sweep(String body) {
        return json.readValue(
                "{\"base\":{\"network\":{\"layers\":[4,2]}},\"seeds\":[1]," + body + "}", SweepDefinition.class);
    }

    @Test
    void aGridIsEveryCombinationWithTheLastPathFastest() {
        List<Map<String, JsonNode>> points = Points.of(sweep("\"grid\":{\"a\":[1,2],\"b\":[true,false,null]}"), 100);
        assertThat(points).hasSize(6);
        assertThat(points.get(0).toString()).isEqualTo("{a=1, b=true}");
        assertThat(points.get(1).toString()).isEqualTo("{a=1, b=false}");
        assertThat(points.get(2).get("b").isNull()).isTrue();
        assertThat(points.get(3).toString()).isEqualTo("{a=2, b=true}");
        assertThat(points.get(0)).isInstanceOf(LinkedHashMap.class);
    }

    @Test
    void aRandomSpaceIsDrawnReproduciblyWithinItsRanges() {
        String body = "\"random\":{\"samples\":50,\"seed\":7,\"space\":{"
                + "\"lr\":{\"min\":0.01,\"max\":0.1,\"log\":true},"
                + "\"epochs\":{\"min\":1,\"max\":5,\"integer\":true},"
                + "\"scheme\":[\"PCM_3T1C\",\"PCM_PAIR\"]}}";
        List<Map<String, JsonNode>> a = Points.of(sweep(body), 100);
        List<Map<String, JsonNode>> b = Points.of(sweep(body), 100);
        assertThat(a).isEqualTo(b).hasSize(50);
        assertThat(a).allSatisfy(p -> {
            assertThat(p.get("lr").doubleValue()).isBetween(0.01, 0.1);
            assertThat(p.get("epochs").isIntegralNumber()).isTrue();
            assertThat(p.get("epochs").longValue()).isBetween(1L, 5L);
            assertThat(p.get("scheme").stringValue()).isIn("PCM_3T1C", "PCM_PAIR");
        });
        // log-uniform: about half the draws below the geometric mean of the range
        long low = a.stream()
                .filter(p -> p.get("lr").doubleValue() < Math.sqrt(0.01 * 0.1))
                .count();
        assertThat(low).isBetween(13L, 37L);
        assertThat(Points.of(sweep(body.replace("\"seed\":7", "\"seed\":8")), 100))
                .isNotEqualTo(a);
    }

    @Test
    void malformedSpacesAndTooManyPointsAreRefused() {
        assertThatThrownBy(() -> Points.of(sweep("\"grid\":{\"a\":[1]},\"list\":[{}]"), 100))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("at most one of grid, random and list");
        assertThatThrownBy(() -> Points.of(sweep("\"grid\":{\"a\":[]}"), 100))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("grid.a");
        assertThatThrownBy(() -> Points.of(
                        sweep(
                                "\"random\":{\"samples\":2,\"seed\":1,\"space\":{"
                                        + "\"x\":{\"min\":0,\"max\":1,\"log\":true},\"y\":{\"min\":2,\"max\":1},\"z\":{\"lo\":1}}}"),
                        100))
                .isInstanceOfSatisfying(
                        InvalidSpecException.class,
                        e -> assertThat(e.violations())
                                .extracting(InvalidSpecException.Violation::field)
                                .containsExactly("random.space.x", "random.space.y", "random.space.z"));
        assertThatThrownBy(() -> Points.of(sweep("\"grid\":{\"a\":[1,2,3],\"b\":[1,2,3]}"), 8))
                .isInstanceOfSatisfying(LimitExceeded.class, e -> {
                    assertThat(e.limit()).isEqualTo("crossbar.sweeps.max-points");
                    assertThat(e.value()).isEqualTo(8);
                    assertThat(e.field()).isEqualTo("grid");
                });
    }

    @Test
    void noSpaceMeansTheBaseAlone() {
        assertThat(Points.of(sweep("\"name\":\"seeds only\""), 1)).containsExactly(Map.of());
    }
}
