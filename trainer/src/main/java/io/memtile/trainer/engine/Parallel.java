package io.memtile.trainer.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A fixed pool of worker threads that runs "for worker w in [0, workers): body(w)" and waits. Work
 * is split into contiguous index ranges; results that must not depend on the thread count are
 * written per index and reduced by the caller in index order.
 */
public final class Parallel implements AutoCloseable {
    /** Body of one worker over its index range [from, to). */
    @FunctionalInterface
    public interface RangeBody {
        void run(int worker, int from, int to) throws Exception;
    }

    private final int threads;
    private final ExecutorService pool;

    public Parallel(int threads) {
        this.threads = Math.max(1, threads);
        this.pool = this.threads == 1 ? null : Executors.newFixedThreadPool(this.threads, r -> {
            Thread t = new Thread(r, "memtile-worker");
            t.setDaemon(true);
            return t;
        });
    }

    public int threads() { return threads; }

    /** Splits [0, n) into at most {@link #threads()} contiguous ranges and runs them concurrently. */
    public void forRanges(int n, RangeBody body) {
        int parts = Math.min(threads, Math.max(1, n));
        if (pool == null || parts == 1) {
            try {
                body.run(0, 0, n);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return;
        }
        List<Future<?>> fs = new ArrayList<>(parts);
        for (int w = 0; w < parts; w++) {
            final int worker = w;
            final int from = (int) ((long) n * w / parts);
            final int to = (int) ((long) n * (w + 1) / parts);
            fs.add(pool.submit(() -> {
                body.run(worker, from, to);
                return null;
            }));
        }
        try {
            for (Future<?> f : fs) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) throw re;
            if (c instanceof Error er) throw er;
            throw new IllegalStateException(c);
        }
    }

    @Override
    public void close() {
        if (pool != null) pool.shutdownNow();
    }
}
