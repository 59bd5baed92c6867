package io.elevate.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Calls sent to the server at the same moment: every thread waits at one latch, then all go together. */
public final class AtOnce {

    private AtOnce() {
    }

    /** Runs every call at the same moment, each on a thread of its own; the answers in the calls' order. */
    public static <T> List<T> call(List<Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            return call(pool, calls);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The same on a pool the caller keeps (it needs a thread per call). */
    public static <T> List<T> call(ExecutorService pool, List<Callable<T>> calls) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> answers = new ArrayList<>();
        for (Callable<T> call : calls) {
            answers.add(pool.submit(() -> {
                start.await();
                return call.call();
            }));
        }
        start.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> answer : answers) {
            results.add(answer.get());
        }
        return results;
    }
}
