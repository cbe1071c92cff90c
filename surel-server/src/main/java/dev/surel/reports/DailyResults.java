package dev.surel.reports;

import java.time.LocalDate;
import java.util.List;

/** Results kept per UTC day and policy domain until the daily report job has sent them. */
public interface DailyResults {

    /** The days before {@code today} that have results, oldest first. */
    List<LocalDate> finishedDays(LocalDate today);

    /** The domains with results on {@code day}. */
    List<String> domains(LocalDate day);

    /** Forgets {@code day} of {@code domain} (reported, or nobody asked for it). */
    void forget(LocalDate day, String domain);
}
