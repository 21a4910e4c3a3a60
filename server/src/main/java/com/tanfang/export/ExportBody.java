package com.tanfang.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The response body of an export: an InputStream that produces the file as it is read. Micronaut reads a body
 * InputStream on its blocking executor and writes each chunk to the connection as the client takes it, so the
 * response starts with the first batch of rows, a slow client slows the cursor down (no unbounded buffering), and
 * the memory in use is one batch of rows plus the writer's own buffers, however many rows there are. When the body
 * ends, fails or the client goes away ({@link #close}), the source's cursor and connection are released.
 */
final class ExportBody extends InputStream {
    /** Rows per pull: about 100-300 KB of CSV or XLSX XML before compression. */
    static final int BATCH = 1000;

    private final Buffer buffer = new Buffer();
    private final TableSink sink;
    private final RowSource source;
    private int pos;
    private boolean done;

    ExportBody(ExportFormat format, String sheetName, RowSource source) {
        this.source = source;
        this.sink = format.sink(buffer, sheetName);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (pos >= buffer.size()) {
            if (done) {
                return -1;
            }
            buffer.reset();
            pos = 0;
            fill();
        }
        int n = Math.min(len, buffer.size() - pos);
        System.arraycopy(buffer.bytes(), pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    private void fill() throws IOException {
        try {
            boolean more = source.write(sink, BATCH);
            sink.flush();
            if (!more) {
                sink.finish();
                done = true;
                source.close();
            }
        } catch (IOException | RuntimeException e) {
            // The status line is out already: the client sees a cut-off body (never a well-formed partial file).
            done = true;
            source.close();
            throw e instanceof IOException io ? io : new IOException("export failed", e);
        }
    }

    @Override
    public void close() {
        done = true;
        source.close();
    }

    /** A ByteArrayOutputStream whose array is read in place. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(256 * 1024);
        }

        byte[] bytes() {
            return buf;
        }
    }
}
