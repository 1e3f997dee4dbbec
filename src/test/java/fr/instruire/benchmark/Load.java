package fr.instruire.benchmark;

import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A closed-loop load: {@code threads} clients each send their next request as soon as the previous one is answered,
 * until {@code count} requests are done. A request answers its HTTP status (0 for a Java call); 300 and above count as
 * errors. Latencies are kept whole, so percentiles are exact.
 */
final class Load {

    private Load() {
    }

    record Result(String label, int count, int errors, double seconds, long[] nanos, int threads) {

        double perSecond() {
            return count / seconds;
        }

        double percentileMillis(double p) {
            if (nanos.length == 0) {
                return Double.NaN;
            }
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1_000_000.0;
        }
    }

    static Result run(String label, int count, int threads, IntFunction<Callable<Integer>> request) {
        long[] nanos = new long[count];
        var next = new AtomicInteger();
        var errors = new AtomicInteger();
        var firstError = new java.util.concurrent.atomic.AtomicReference<String>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    long begun = System.nanoTime();
                    try {
                        int status = request.apply(i).call();
                        if (status >= 300) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, "HTTP " + status);
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, e.toString());
                    }
                    nanos[i] = System.nanoTime() - begun;
                }
                return null;
            });
        }
        pool.shutdown();
        try {
            if (!pool.awaitTermination(2, TimeUnit.HOURS)) {
                throw new IllegalStateException(label + " : charge non terminée");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (firstError.get() != null) {
            System.out.println("[benchmark] " + label + " : " + errors.get() + " erreur(s), la première : " + firstError.get());
        }
        return new Result(label, count, errors.get(), seconds, nanos, threads);
    }

    /** Repeats one read {@code count} times from one client (a user's screen): its latencies. */
    static Result repeat(String label, int count, Callable<Integer> request) {
        return run(label, count, 1, i -> request);
    }
}
