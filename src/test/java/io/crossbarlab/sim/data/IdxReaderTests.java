package io.crossbarlab.sim.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class IdxReaderTests {

    static byte[] idx(int type, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.putInt((type << 8) | dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(raw);
        }
        return out.toByteArray();
    }

    @Test
    void readsRawAndGzipIdentically() throws IOException {
        byte[] data = {1, 2, 3, 4, 5, 6};
        byte[] raw = idx(0x08, new int[] {2, 3}, data);
        IdxReader.IdxArray a = IdxReader.read(new ByteArrayInputStream(raw));
        IdxReader.IdxArray b = IdxReader.read(new ByteArrayInputStream(gzip(raw)));
        assertThat(a.dims()).containsExactly(2, 3);
        assertThat(a.count()).isEqualTo(2);
        assertThat(a.itemSize()).isEqualTo(3);
        assertThat(a.data()).containsExactly(data);
        assertThat(b.data()).containsExactly(data);
    }

    @Test
    void truncatedDataIsReportedWithByteCounts() {
        byte[] raw = idx(0x08, new int[] {2, 3}, new byte[] {1, 2, 3, 4});
        assertThatThrownBy(() -> IdxReader.read(new ByteArrayInputStream(raw)))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageContaining("truncated")
                .hasMessageContaining("expected 6 bytes, got 4");
    }

    @Test
    void truncatedHeaderIsReported() {
        byte[] raw = Arrays.copyOf(idx(0x08, new int[] {2, 3}, new byte[6]), 7);
        assertThatThrownBy(() -> IdxReader.read(new ByteArrayInputStream(raw)))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> IdxReader.read(new ByteArrayInputStream(new byte[] {0, 0})))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageContaining("header");
    }

    @Test
    void truncatedGzipStreamIsReported() throws IOException {
        byte[] gz = gzip(idx(0x08, new int[] {100}, new byte[100]));
        byte[] cut = Arrays.copyOf(gz, gz.length - 12);
        assertThatThrownBy(() -> IdxReader.read(new ByteArrayInputStream(cut))).isInstanceOf(IdxFormatException.class);
    }

    @Test
    void wrongMagicTypeAndTrailingBytesAreRejected() {
        byte[] notIdx = "hello world, not idx".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> IdxReader.read(new ByteArrayInputStream(notIdx)))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageContaining("not an IDX file");
        byte[] floats = idx(0x0d, new int[] {1}, new byte[4]);
        assertThatThrownBy(() -> IdxReader.read(new ByteArrayInputStream(floats)))
                .hasMessageContaining("element type 0x0d");
        byte[] longer = idx(0x08, new int[] {2}, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> IdxReader.read(new ByteArrayInputStream(longer)))
                .hasMessageContaining("continues past");
        byte[] huge = idx(0x08, new int[] {1 << 20, 1 << 20}, new byte[0]);
        assertThatThrownBy(() -> IdxReader.read(new ByteArrayInputStream(huge))).hasMessageContaining("too large");
    }

    @Test
    void corruptGzipIsReported() {
        byte[] bad = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5};
        assertThatThrownBy(() -> IdxReader.read(new ByteArrayInputStream(bad))).isInstanceOf(IdxFormatException.class);
    }

    @Test
    void datasetRejectsMismatchedCountsAndLabels() throws IOException {
        IdxReader.IdxArray images = IdxReader.read(new ByteArrayInputStream(idx(0x08, new int[] {2, 2}, new byte[4])));
        IdxReader.IdxArray labels3 = IdxReader.read(new ByteArrayInputStream(idx(0x08, new int[] {3}, new byte[3])));
        IdxReader.IdxArray badLabel =
                IdxReader.read(new ByteArrayInputStream(idx(0x08, new int[] {2}, new byte[] {0, 12})));
        assertThatThrownBy(() -> Dataset.of("t", images, labels3, 10)).hasMessageContaining("2 images but 3 labels");
        assertThatThrownBy(() -> Dataset.of("t", images, badLabel, 10)).hasMessageContaining("label 12");
    }
}
