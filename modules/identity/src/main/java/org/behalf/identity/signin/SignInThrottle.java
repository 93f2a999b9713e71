package org.behalf.identity.signin;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per account and per client address in the database, so that every node
 * sees the same counts (SECURITY-CASES 29). Past the limit within the window, sign-in is refused
 * whatever the password, with the same answer as a wrong password; keys are the names as typed,
 * so an unknown account is throttled exactly like a known one (SECURITY-CASES 27).
 */
@Component
class SignInThrottle {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final int perAccount;
    private final int perAddress;
    private final Duration window;

    SignInThrottle(JdbcTemplate jdbc, Clock clock,
                   @Value("${behalf.identity.sign-in.max-failures-per-account:10}") int perAccount,
                   @Value("${behalf.identity.sign-in.max-failures-per-address:100}") int perAddress,
                   @Value("${behalf.identity.sign-in.window:15m}") Duration window) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.perAccount = perAccount;
        this.perAddress = perAddress;
        this.window = window;
    }

    boolean blocked(String account, String address) {
        return failures("acct:" + account) >= perAccount || failures("addr:" + address) >= perAddress;
    }

    void failed(String account, String address) {
        count("acct:" + account);
        count("addr:" + address);
    }

    void succeeded(String account) {
        jdbc.update("DELETE FROM identity_signin_throttle WHERE throttle_key = ?", key("acct:" + account));
    }

    private int failures(String key) {
        Instant since = clock.instant().minus(window);
        return jdbc.query("SELECT failures FROM identity_signin_throttle WHERE throttle_key = ? AND window_start > ?",
                (rs, n) -> rs.getInt(1), key(key), Timestamp.from(since)).stream().findFirst().orElse(0);
    }

    private void count(String key) {
        Instant now = clock.instant();
        Timestamp expired = Timestamp.from(now.minus(window));
        // One statement, atomic per row: a stale window restarts at one.
        jdbc.update("INSERT INTO identity_signin_throttle (throttle_key, failures, window_start) VALUES (?, 1, ?) "
                + "ON DUPLICATE KEY UPDATE failures = CASE WHEN window_start < ? THEN 1 ELSE failures + 1 END, "
                + "window_start = CASE WHEN window_start < ? THEN ? ELSE window_start END",
                key(key), Timestamp.from(now), expired, expired, Timestamp.from(now));
    }

    private static String key(String key) {
        return key.length() > 100 ? key.substring(0, 100) : key;
    }
}
