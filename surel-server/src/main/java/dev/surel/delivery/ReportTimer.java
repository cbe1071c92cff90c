package dev.surel.delivery;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the daily report jobs (TLS reports, DMARC aggregate reports) every {@code interval} on a
 * thread of its own, first after one interval; a job's failure is logged and the next run tries
 * again. Each job sends only finished days, so how often it runs only decides how soon after
 * midnight (UTC) reports go.
 */
public final class ReportTimer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReportTimer.class);

    /** One pass of a job; returns how many reports it sent. */
    @FunctionalInterface
    public interface Job {
        int runOnce();
    }

    private final ScheduledExecutorService timer;

    private ReportTimer(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    public static ReportTimer start(Duration interval, List<Job> jobs) {
        ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread th = new Thread(r, "daily-reports");
            th.setDaemon(true);
            return th;
        });
        t.scheduleWithFixedDelay(() -> {
            for (Job j : jobs) {
                try {
                    j.runOnce();
                } catch (RuntimeException e) {
                    log.warn("report job {}: {}", j.getClass().getSimpleName(), e.toString());
                }
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return new ReportTimer(t);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
