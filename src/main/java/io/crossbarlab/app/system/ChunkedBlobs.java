package io.crossbarlab.app.system;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A large value kept as rows of at most {@value #CHUNK_BYTES} bytes, {@code (key, seq, bytes)}, so
 * that neither database holds one huge value and both stream it: written through an {@link
 * OutputStream} that inserts a row per full chunk (in the caller's transaction), read back through an
 * {@link InputStream} that fetches one row at a time.
 */
public final class ChunkedBlobs {

    public static final int CHUNK_BYTES = 1 << 20;

    private final JdbcClient jdbc;
    private final String table;
    private final String key;

    /**
     * @param table the chunk table (a constant of the caller, never user input)
     * @param key its key column
     */
    public ChunkedBlobs(JdbcClient jdbc, String table, String key) {
        this.jdbc = jdbc;
        this.table = table;
        this.key = key;
    }

    /** Deletes every chunk of {@code id}. */
    public void delete(Object id) {
        jdbc.sql("delete from " + table + " where " + key + " = ?").param(id).update();
    }

    /** Whether {@code id} has any chunk. */
    public boolean exists(Object id) {
        return jdbc.sql("select count(*) from " + table + " where " + key + " = ? and seq = 0")
                        .param(id)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Writes a new value of {@code id} (delete the old one first); close it to store the last chunk. */
    public OutputStream writer(Object id) {
        return new OutputStream() {
            private final byte[] buf = new byte[CHUNK_BYTES];
            private int fill;
            private int seq;

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
                jdbc.sql("insert into " + table + " (" + key + ", seq, bytes) values (?, ?, ?)")
                        .params(id, seq++, Arrays.copyOf(buf, fill))
                        .update();
                fill = 0;
            }

            @Override
            public void close() {
                if (fill > 0 || seq == 0) {
                    flushChunk();
                }
            }
        };
    }

    /** Reads the value of {@code id} chunk by chunk (empty if there is none). */
    public InputStream reader(Object id) {
        return new InputStream() {
            private int next;
            private byte[] chunk = new byte[0];
            private int pos;

            private boolean fill() {
                while (pos == chunk.length) {
                    var row = jdbc.sql("select bytes from " + table + " where " + key + " = ? and seq = ?")
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
}
