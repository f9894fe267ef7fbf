package io.crossbarlab.app.job;

import io.crossbarlab.sim.data.NpyReader;
import io.crossbarlab.sim.nn.TrainedWeights;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Trained weights of succeeded jobs, stored as NumPy's {@code .npz}: {@code layer0.npy}, {@code
 * layer1.npy}, ... each float32 of shape (inputs + 1, outputs), the bias row last, in chunks of
 * {@value #CHUNK_BYTES} bytes. Written while the weights are encoded, so no copy of the file is held.
 */
@Component
public class JobWeights {

    static final int CHUNK_BYTES = 1 << 20;

    private final JdbcClient jdbc;

    JobWeights(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Replaces the weights of {@code id}; in the caller's transaction. */
    void replace(UUID id, TrainedWeights weights) {
        jdbc.sql("delete from job_weights where job_id = ?").param(id).update();
        try (ZipOutputStream zip = new ZipOutputStream(new Chunks(id))) {
            for (int l = 0; l < weights.layers().size(); l++) {
                TrainedWeights.LayerWeights w = weights.layers().get(l);
                zip.putNextEntry(new ZipEntry("layer" + l + ".npy"));
                zip.write(npyHeader(w.inputs() + 1, w.outputs()));
                ByteBuffer b = ByteBuffer.allocate(4 * 8192).order(ByteOrder.LITTLE_ENDIAN);
                float[] v = w.values();
                for (int i = 0; i < v.length; i++) {
                    b.putFloat(v[i]);
                    if (!b.hasRemaining() || i == v.length - 1) {
                        zip.write(b.array(), 0, b.position());
                        b.clear();
                    }
                }
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code id} has weights of its own. */
    public boolean exists(UUID id) {
        return jdbc.sql("select count(*) from job_weights where job_id = ?")
                        .param(id)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** The .npz of {@code id}, read chunk by chunk; call {@link #exists} first. */
    public InputStream open(UUID id) {
        return new InputStream() {
            private int next;
            private byte[] chunk = new byte[0];
            private int pos;

            private boolean fill() {
                while (pos == chunk.length) {
                    var row = jdbc.sql("select bytes from job_weights where job_id = ? and seq = ?")
                            .params(id, next++)
                            .query(byte[].class)
                            .optional();
                    if (row.isEmpty()) {
                        return false;
                    }
                    chunk = row.get();
                    pos = 0;
                }
                return true;
            }

            @Override
            public int read() {
                return fill() ? chunk[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (len == 0) {
                    return 0;
                }
                if (!fill()) {
                    return -1;
                }
                int n = Math.min(len, chunk.length - pos);
                System.arraycopy(chunk, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    /** Reads back the weights of {@code id} (which must exist) from its .npz. */
    public TrainedWeights read(UUID id) {
        java.util.List<TrainedWeights.LayerWeights> layers = new java.util.ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(open(id))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (!e.getName().equals("layer" + layers.size() + ".npy")) {
                    throw new IOException("unexpected entry " + e.getName());
                }
                NpyReader.Header h = NpyReader.readHeader(zip);
                float[] values = new float[(int) h.count()];
                NpyReader.readValues(zip, h, (i, v) -> values[(int) i] = (float) v);
                layers.add(new TrainedWeights.LayerWeights(h.shape()[0] - 1, h.shape()[1], values));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("stored weights of job " + id + " are unreadable: " + e.getMessage(), e);
        }
        return new TrainedWeights(java.util.List.copyOf(layers));
    }

    /** A version 1.0 .npy header for a little-endian float32 C-order matrix, padded to 64 bytes. */
    static byte[] npyHeader(int rows, int cols) {
        StringBuilder h =
                new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }");
        while ((10 + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        h.append('\n');
        byte[] text = h.toString().getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream(10 + text.length);
        out.write(0x93);
        out.writeBytes("NUMPY".getBytes(StandardCharsets.US_ASCII));
        out.write(1);
        out.write(0);
        out.write(text.length & 0xff);
        out.write(text.length >>> 8);
        out.writeBytes(text);
        return out.toByteArray();
    }

    /** Writes what it is given as chunk rows of {@code id}. */
    private final class Chunks extends OutputStream {
        private final UUID id;
        private final byte[] buf = new byte[CHUNK_BYTES];
        private int fill;
        private int seq;

        Chunks(UUID id) {
            this.id = id;
        }

        @Override
        public void write(int b) {
            if (fill == buf.length) {
                flushChunk();
            }
            buf[fill++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            while (len > 0) {
                if (fill == buf.length) {
                    flushChunk();
                }
                int n = Math.min(len, buf.length - fill);
                System.arraycopy(b, off, buf, fill, n);
                fill += n;
                off += n;
                len -= n;
            }
        }

        private void flushChunk() {
            jdbc.sql("insert into job_weights (job_id, seq, bytes) values (?, ?, ?)")
                    .params(id, seq++, java.util.Arrays.copyOf(buf, fill))
                    .update();
            fill = 0;
        }

        @Override
        public void close() {
            if (fill > 0) {
                flushChunk();
            }
        }
    }
}
