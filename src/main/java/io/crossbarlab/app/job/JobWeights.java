package io.crossbarlab.app.job;

import io.crossbarlab.app.system.ChunkedBlobs;
import io.crossbarlab.sim.data.NpyReader;
import io.crossbarlab.sim.nn.TrainedWeights;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Trained weights of succeeded jobs, stored as NumPy's {@code .npz}: {@code layer0.npy}, {@code
 * layer1.npy}, ... each float32 of shape (inputs + 1, outputs), the bias row last, in chunks
 * ({@link ChunkedBlobs}). Written while the weights are encoded, so no copy of the file is held.
 */
@Component
public class JobWeights {

    private final ChunkedBlobs chunks;

    JobWeights(JdbcClient jdbc) {
        this.chunks = new ChunkedBlobs(jdbc, "job_weights", "job_id");
    }

    /** Replaces the weights of {@code id}; in the caller's transaction. */
    void replace(UUID id, TrainedWeights weights) {
        chunks.delete(id);
        try (OutputStream out = chunks.writer(id)) {
            writeNpz(weights, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code weights} as an .npz to {@code out} (not closed): {@code layerL.npy}, float32
     * (inputs + 1, outputs), the bias row last. Entries carry a fixed time, so equal weights are equal
     * bytes.
     */
    public static void writeNpz(TrainedWeights weights, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        for (int l = 0; l < weights.layers().size(); l++) {
            TrainedWeights.LayerWeights w = weights.layers().get(l);
            ZipEntry entry = new ZipEntry("layer" + l + ".npy");
            entry.setTimeLocal(java.time.LocalDateTime.of(1980, 1, 1, 0, 0));
            zip.putNextEntry(entry);
            zip.write(NpyReader.header("<f4", false, w.inputs() + 1, w.outputs()));
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
        zip.finish();
    }

    /** Whether {@code id} has weights of its own. */
    public boolean exists(UUID id) {
        return chunks.exists(id);
    }

    /** The .npz of {@code id}, read chunk by chunk; call {@link #exists} first. */
    public InputStream open(UUID id) {
        return chunks.reader(id);
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
}
