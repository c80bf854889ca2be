package dev.diagonal.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the {@link ImageCheck} over the distinct images of the candidates on a small thread pool.
 * Results are stored by position, so the outcome does not depend on thread timing.
 */
final class ImageValidation {

    private ImageValidation() {}

    /** Returns the candidates whose image passed, in their original order, reporting the others. */
    static List<Sample> usable(List<Candidate> candidates, DatasetLoader.Options options, ReportBuilder report) {
        Map<Path, Integer> indexOf = new LinkedHashMap<>();
        for (Candidate candidate : candidates) {
            indexOf.putIfAbsent(candidate.sample().image(), indexOf.size());
        }
        ImageCheck.Result[] results = checkAll(new ArrayList<>(indexOf.keySet()), options);
        List<Sample> usable = new ArrayList<>();
        for (Candidate candidate : candidates) {
            Path image = candidate.sample().image();
            ImageCheck.Result result = results[indexOf.get(image)];
            if (result.isOk()) {
                usable.add(candidate.sample());
            } else {
                report.add(result.problem(), image.toString(), candidate.line(), result.detail());
            }
        }
        return usable;
    }

    private static ImageCheck.Result[] checkAll(List<Path> images, DatasetLoader.Options options) {
        ImageCheck.Result[] results = new ImageCheck.Result[images.size()];
        int threads = Math.max(1, Math.min(options.threads(), images.size()));
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < results.length; i = next.getAndIncrement()) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                results[i] = checkOne(options.imageCheck(), images.get(i));
                options.progress().update(done.incrementAndGet(), results.length);
            }
        };
        if (threads == 1) {
            worker.run();
        } else {
            runOnPool(worker, threads);
        }
        for (ImageCheck.Result result : results) {
            if (result == null) {
                throw new CancellationException("image checks interrupted");
            }
        }
        return results;
    }

    private static void runOnPool(Runnable worker, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "diagonal-image-check");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(worker));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("image checks interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("image check failed", cause);
        } finally {
            pool.shutdownNow();
        }
    }

    private static ImageCheck.Result checkOne(ImageCheck check, Path image) {
        try {
            ImageCheck.Result result = check.check(image);
            return result == null ? ImageCheck.Result.unreadable("image check gave no result") : result;
        } catch (RuntimeException e) {
            return ImageCheck.Result.unreadable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }
}
