package dev.surel.reports;

import dev.surel.store.sql.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A table of results kept per UTC {@code day} and {@code policy_domain} until reported: which days
 * are over, which domains a day has, and forgetting a day of a domain once it is reported.
 *
 * @param table a table with {@code day} (ISO date text) and {@code policy_domain} columns (a constant, never input)
 */
record DailyRows(Database db, String table) {

    /** The days before {@code today} that have rows, oldest first. */
    List<LocalDate> finishedDays(LocalDate today) {
        return db.read(c -> {
            List<LocalDate> days = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT day FROM " + table + " WHERE day < ? ORDER BY day")) {
                ps.setString(1, today.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) days.add(LocalDate.parse(rs.getString(1)));
                }
            }
            return days;
        });
    }

    /** The policy domains with rows on {@code day}. */
    List<String> domains(LocalDate day) {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT policy_domain FROM " + table + " WHERE day = ? "
                    + "ORDER BY policy_domain")) {
                ps.setString(1, day.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    /** Forgets {@code day} of {@code domain}. */
    void forget(LocalDate day, String domain) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE day = ? AND policy_domain = ?")) {
                ps.setString(1, day.toString());
                ps.setString(2, domain);
                ps.executeUpdate();
            }
            return null;
        });
    }
}
