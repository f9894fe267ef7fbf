package io.crossbarlab.sim.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NpyReaderTests {

    static List<Double> values(byte[] npy) throws IOException {
        InputStream in = new ByteArrayInputStream(npy);
        NpyReader.Header h = NpyReader.readHeader(in);
        List<Double> out = new ArrayList<>();
        NpyReader.readValues(in, h, (i, v) -> {
            assertThat(i).isEqualTo(out.size());
            out.add(v);
        });
        return out;
    }

    /** Each element type decodes its extremes as NumPy prints them. */
    @ParameterizedTest
    @CsvSource({
        "|b1, 1, 00 01, 0 1",
        "|i1, 1, 80 7f, -128 127",
        "|u1, 1, 00 ff, 0 255",
        "<i2, 2, 0080 ff7f, -32768 32767",
        ">u2, 2, ffff 0001, 65535 1",
        "<i4, 4, 00000080 ffffffff, -2147483648 -1",
        "<u4, 4, ffffffff 01000000, 4294967295 1",
        "<i8, 8, ffffffffffffffff 0200000000000000, -1 2",
        "<u8, 8, ffffffffffffffff 0100000000000000, 18446744073709551615 1",
        "<f4, 4, 0000c03f 000080bf, 1.5 -1",
        ">f8, 8, 3ff8000000000000 c000000000000000, 1.5 -2",
    })
    void everyAcceptedElementTypeDecodes(String descr, int size, String hex, String expected) throws IOException {
        byte[] data = java.util.HexFormat.of().parseHex(hex.replace(" ", ""));
        List<Double> got = values(NpyFiles.npy(descr, false, new int[] {data.length / size}, data));
        List<Double> want = java.util.regex.Pattern.compile(" ")
                .splitAsStream(expected)
                .map(e -> new java.math.BigDecimal(e).doubleValue())
                .toList();
        assertThat(got).isEqualTo(want);
    }

    @Test
    void aVersionTwoHeaderWithAFourByteLengthReads() throws IOException {
        String header = "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }\n";
        ByteBuffer b = ByteBuffer.allocate(12 + header.length() + 16).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93)
                .put("NUMPY".getBytes(StandardCharsets.US_ASCII))
                .put((byte) 2)
                .put((byte) 0);
        b.putInt(header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        b.putDouble(0.25).putDouble(-4);
        assertThat(values(b.array())).containsExactly(0.25, -4.0);
    }

    @Test
    void theShapeAndItsPrintedFormAreRead() throws IOException {
        NpyReader.Header h = NpyReader.readHeader(
                new ByteArrayInputStream(NpyFiles.npy("<f4", true, new int[] {3, 2, 4}, new byte[96])));
        assertThat(h.shape()).containsExactly(3, 2, 4);
        assertThat(h.count()).isEqualTo(24);
        assertThat(h.fortranOrder()).isTrue();
        assertThat(h.shapeText()).isEqualTo("(3, 2, 4)");
        // Fortran position 1 is C element [1, 0, 0]; position 3 is [0, 1, 0]
        long[] strides = NpyReader.cStrides(h.shape());
        assertThat(NpyReader.cOrder(1, h.shape(), strides)).isEqualTo(8);
        assertThat(NpyReader.cOrder(3, h.shape(), strides)).isEqualTo(4);
        assertThat(NpyReader.cOrder(23, h.shape(), strides)).isEqualTo(23);
    }

    @Test
    void extraDataAfterTheArrayIsRefused() {
        byte[] npy = NpyFiles.npy("|u1", false, new int[] {2}, new byte[3]);
        assertThatThrownBy(() -> values(npy)).hasMessageContaining("continues past the 2 elements of shape (2,)");
    }
}
