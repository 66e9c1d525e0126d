package io.memtile.core.json;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * An output stream that feeds a {@link MessageDigest} on a second thread, in the order the bytes were written, so
 * that digesting overlaps producing them. Same digest as updating it inline.
 *
 * <p>Why: a 4,128-tile program's canonical JSON is ~3 GB and SHA-256 runs at ~1 GB/s here, so hashing it inline
 * added seconds of single-threaded time to every large compile ({@link Json#sha256OfJson}). Output up to one
 * buffer (1 MiB) is digested inline at {@link #close}, without a thread.
 */
final class PipedDigestStream extends OutputStream {
    private static final int BUFFER = 1 << 20, BUFFERS = 4;
    private static final byte[] END = new byte[0];
    private final MessageDigest md;
    private final BlockingQueue<byte[]> full = new ArrayBlockingQueue<>(BUFFERS + 1), free = new ArrayBlockingQueue<>(BUFFERS);
    private byte[] cur = new byte[BUFFER];
    private int pos;
    private Thread worker;
    private volatile Throwable failure;
    private boolean closed;

    PipedDigestStream(MessageDigest md) {
        this.md = md;
    }

    @Override
    public void write(int b) throws IOException {
        if (pos == BUFFER) handOff();
        cur[pos++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (pos == BUFFER) handOff();
            int n = Math.min(len, BUFFER - pos);
            System.arraycopy(b, off, cur, pos, n);
            pos += n;
            off += n;
            len -= n;
        }
    }

    /** Queues the full current buffer for the digest thread and continues in a free one. */
    private void handOff() throws IOException {
        if (worker == null) {
            for (int i = 1; i < BUFFERS; i++) free.add(new byte[BUFFER]);
            worker = new Thread(this::digestLoop, "memtile-sha256");
            worker.setDaemon(true);
            worker.start();
        }
        check();
        try {
            full.put(cur);
            cur = free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while hashing", e);
        }
        pos = 0;
    }

    private void digestLoop() {
        try {
            for (;;) {
                byte[] b = full.take();
                if (b == END) return;
                md.update(b, 0, BUFFER);
                free.put(b);
            }
        } catch (Throwable t) {
            failure = t;
            free.offer(new byte[BUFFER]); // never leave the writer waiting for a buffer
        }
    }

    private void check() throws IOException {
        if (failure != null) throw new IOException("hashing failed", failure);
    }

    /** Waits for the digest thread and digests the last, partial buffer: after this the digest holds every byte. */
    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        if (worker != null) {
            try {
                full.put(END);
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while hashing", e);
            }
            check();
        }
        md.update(cur, 0, pos);
    }
}
