package io.crossbarlab.app.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * The upload limit stays within what Tomcat's swallow limit (an int, which follows it) can hold, so
 * a larger setting fails at start instead of wrapping into a wrong limit.
 */
class DatasetSettingsTests {

    @Test
    void anUploadLimitOverTwoGibibytesIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> new DatasetSettings(null, DataSize.ofGigabytes(3), null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("crossbar.datasets.max-upload-bytes")
                .hasMessageContaining("2147483647");
        assertThatThrownBy(() -> new DatasetSettings(null, DataSize.ofBytes(0), null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new DatasetSettings(null, DataSize.ofBytes(Integer.MAX_VALUE), null, null, null)
                        .maxUploadBytes()
                        .toBytes())
                .isEqualTo(Integer.MAX_VALUE);
        assertThat(new DatasetSettings(null, null, null, null, null).maxUploadBytes())
                .isEqualTo(DataSize.ofMegabytes(512));
    }
}
