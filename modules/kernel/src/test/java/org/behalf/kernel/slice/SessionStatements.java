package org.behalf.kernel.slice;

import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The statements a piece of work ran on this session, and the temporary tables on disk they made,
 * from MySQL's session counters ({@code information_schema.session_status}, what {@code SHOW SESSION
 * STATUS} shows), for tests of how many round trips a benchmarked path costs and of what a repeated
 * read costs the database. The work and the counting must share one connection: call it inside a transaction.
 */
public final class SessionStatements {

    private SessionStatements() {
    }

    /**
     * SELECTs, UPDATEs and INSERTs {@code work} ran, and the temporary tables on disk it made, as
     * {@code select}, {@code update}, {@code insert} and {@code disk temporary tables}.
     */
    public static Map<String, Long> during(JdbcTemplate jdbc, Runnable work) {
        Map<String, Long> before = counters(jdbc);
        work.run();
        Map<String, Long> after = counters(jdbc);
        Map<String, Long> idle = counters(jdbc);
        // Each reading of the counters is itself one SELECT (and may make a temporary table): take
        // away what reading them twice counts.
        return Map.of("select", ran(before, after, idle, "COM_SELECT"),
                "update", after.get("COM_UPDATE") - before.get("COM_UPDATE"),
                "insert", after.get("COM_INSERT") - before.get("COM_INSERT"),
                "disk temporary tables", ran(before, after, idle, "CREATED_TMP_DISK_TABLES"));
    }

    private static long ran(Map<String, Long> before, Map<String, Long> after, Map<String, Long> idle, String counter) {
        return after.get(counter) - before.get(counter) - (idle.get(counter) - after.get(counter));
    }

    private static Map<String, Long> counters(JdbcTemplate jdbc) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query("SELECT UPPER(variable_name), variable_value FROM information_schema.session_status "
                + "WHERE UPPER(variable_name) IN ('COM_SELECT', 'COM_UPDATE', 'COM_INSERT', 'CREATED_TMP_DISK_TABLES')",
                rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }
}
