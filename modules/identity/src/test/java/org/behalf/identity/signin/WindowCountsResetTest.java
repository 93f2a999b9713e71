package org.behalf.identity.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import org.behalf.identity.IdentitySlice;
import org.behalf.testing.Members;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An attempt is counted by one statement and its count read by a second; a sign-in to the same account that
 * succeeds in between clears the count ({@link WindowCounts#reset}), and the read finds no row. That threw
 * (the first row of none), and the sign-in form was answered 500 with a stack trace in the log: black-box
 * finding, round 9, parallel sign-ins to one account while the connection pool was busy. Here the success
 * comes exactly in between, on the real database.
 */
class WindowCountsResetTest extends IdentitySlice {

    private static final Duration WINDOW = Duration.ofMinutes(15);

    @Autowired
    DataSource dataSource;

    @Test
    void aSuccessBetweenTheCountAndItsReadCountsTheAttemptAgainInsteadOfFailing() {
        String key = "acct:" + Members.unique("raced");
        JdbcTemplate successInBetween = new JdbcTemplate(dataSource) {
            private boolean reset;

            @Override
            public int update(String sql, Object... args) {
                int changed = super.update(sql, args);
                if (!reset && sql.startsWith("INSERT")) {
                    reset = true;
                    new WindowCounts(new JdbcTemplate(dataSource), Clock.systemUTC()).reset(key);
                }
                return changed;
            }
        };

        WindowCounts.Count count = new WindowCounts(successInBetween, Clock.systemUTC()).increment(key, WINDOW);

        assertThat(count.count()).as("the attempt counts once, on the count the success left").isEqualTo(1);
        assertThat(new WindowCounts(new JdbcTemplate(dataSource), Clock.systemUTC()).current(key, WINDOW)).isEqualTo(1);
    }
}
