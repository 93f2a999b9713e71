package org.behalf.identity.totp;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.behalf.audit.api.KeyEncryption;
import org.behalf.identity.api.SecondFactor;
import org.behalf.identity.signin.WindowCounts;
import org.behalf.identity.tokens.TokenHashes;
import org.behalf.kernel.InvalidRequest;
import org.behalf.kernel.TooManyRequests;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Members' TOTP secrets: set up (a new secret, shown once as an {@code otpauth://} URI), turned on
 * by a first valid code, checked with one step of clock drift either way, each code accepted once,
 * turned off only with a valid code. Turning it on gives ten one-time recovery codes (issue 18),
 * stored as hashes, each accepted once wherever a code is asked for, for the day the phone is lost.
 */
@Component
public class Totp implements SecondFactor {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CONTEXT = "identity_totp:";

    /** Wrong codes a member may type in a window, wherever a code is asked for (sign-in, grants, turning it off). */
    static final int MAX_ATTEMPTS = 10;
    static final Duration ATTEMPT_WINDOW = Duration.ofMinutes(15);

    /** Recovery codes made at a time; each has 50 random bits, and wrong ones count as wrong codes. */
    static final int RECOVERY_CODES = 10;
    private static final String RECOVERY_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

    private final JdbcTemplate jdbc;
    private final KeyEncryption encryption;
    private final Clock clock;
    private final WindowCounts attempts;
    private final TransactionTemplate apart;

    Totp(JdbcTemplate jdbc, KeyEncryption encryption, Clock clock, WindowCounts attempts, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.encryption = encryption;
        this.clock = clock;
        this.attempts = attempts;
        this.apart = new TransactionTemplate(transactions);
        this.apart.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** What the member types into an authenticator app. */
    record Setup(String secret, String otpauthUri) {
    }

    @Transactional
    Setup start(String memberId, String accountName) {
        if (enabled(memberId)) {
            throw InvalidRequest.conflict("Two-step sign-in is already on; turn it off first.");
        }
        byte[] secret = new byte[20];
        RANDOM.nextBytes(secret);
        jdbc.update("DELETE FROM identity_totp WHERE member_id = ?", memberId);
        jdbc.update("INSERT INTO identity_totp (member_id, secret, created_at, confirmed_at, last_step) VALUES (?, ?, ?, NULL, 0)",
                memberId, encryption.encrypt(secret, CONTEXT + memberId), Timestamp.from(clock.instant()));
        String base32 = TotpCodes.base32(secret);
        String label = URLEncoder.encode("Behalf:" + accountName, StandardCharsets.UTF_8).replace("+", "%20");
        return new Setup(base32, "otpauth://totp/" + label + "?secret=" + base32 + "&issuer=Behalf&algorithm=SHA1&digits=6&period="
                + TotpCodes.STEP_SECONDS);
    }

    /**
     * What a typed code came to: accepted or not, and when it was not even checked because too many
     * wrong ones came before it, how long until it may be tried again.
     */
    private record Checked(boolean accepted, Duration retryAfter) {
        static final Checked ACCEPTED = new Checked(true, null);
        static final Checked WRONG = new Checked(false, null);
    }

    /** Turns it on with a first code; answers the recovery codes, shown this once. */
    @Transactional
    List<String> confirm(String memberId, String code) {
        Checked checked = accept(memberId, code, false);
        if (!checked.accepted()) {
            throw refusal(checked, "That code is not the current one; check the app's clock and try the next code.");
        }
        jdbc.update("UPDATE identity_totp SET confirmed_at = ? WHERE member_id = ?", Timestamp.from(clock.instant()), memberId);
        return newRecoveryCodes(memberId);
    }

    @Transactional
    void turnOff(String memberId, String code) {
        if (!enabled(memberId)) {
            throw InvalidRequest.conflict("Two-step sign-in is not on.");
        }
        Checked checked = check(memberId, code);
        if (!checked.accepted()) {
            throw refusal(checked, "That code is not the current one.");
        }
        jdbc.update("DELETE FROM identity_totp WHERE member_id = ?", memberId);
        jdbc.update("DELETE FROM identity_totp_recovery WHERE member_id = ?", memberId);
    }

    /** New recovery codes for a current code (or an unused recovery code); the old ones stop working. */
    @Transactional
    List<String> replaceRecoveryCodes(String memberId, String code) {
        if (!enabled(memberId)) {
            throw InvalidRequest.conflict("Two-step sign-in is not on.");
        }
        Checked checked = check(memberId, code);
        if (!checked.accepted()) {
            throw refusal(checked, "That code is not the current one.");
        }
        return newRecoveryCodes(memberId);
    }

    /** Recovery codes not used yet. */
    int recoveryCodesLeft(String memberId) {
        Integer left = jdbc.queryForObject("SELECT COUNT(*) FROM identity_totp_recovery WHERE member_id = ? AND used_at IS NULL",
                Integer.class, memberId);
        return left == null ? 0 : left;
    }

    private List<String> newRecoveryCodes(String memberId) {
        jdbc.update("DELETE FROM identity_totp_recovery WHERE member_id = ?", memberId);
        List<String> codes = new java.util.ArrayList<>();
        Timestamp now = Timestamp.from(clock.instant());
        while (codes.size() < RECOVERY_CODES) {
            StringBuilder code = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                code.append(RECOVERY_ALPHABET.charAt(RANDOM.nextInt(RECOVERY_ALPHABET.length())));
                if (i == 4) {
                    code.append('-');
                }
            }
            if (!codes.contains(code.toString())) {
                codes.add(code.toString());
                jdbc.update("INSERT INTO identity_totp_recovery (member_id, code_hash, created_at, used_at) VALUES (?, ?, ?, NULL)",
                        memberId, recoveryHash(code.toString()), now);
            }
        }
        return codes;
    }

    /** Spaces, dashes and case do not matter when a recovery code is typed. */
    private static String recoveryHash(String code) {
        return TokenHashes.sha256(typed(code).toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * A code as typed, without spaces and dashes: apps show a six-digit code as "123 456", and it
     * was refused typed that way, with "check the app's clock" (black-box finding, 2026-12-07).
     */
    private static String typed(String code) {
        return code.replaceAll("[\\s-]", "");
    }

    /**
     * Past the limit the person is told to wait, 429 with Retry-After (docs/security.md rule 37),
     * not that the code was wrong: it was never checked, and the right one fails too until then.
     */
    private static InvalidRequest refusal(Checked checked, String wrong) {
        if (checked.retryAfter() == null) {
            return new InvalidRequest("code", wrong);
        }
        long minutes = Math.max(1, (checked.retryAfter().toSeconds() + 59) / 60);
        return new TooManyRequests(checked.retryAfter(), "Too many wrong codes for this account; wait " + minutes
                + (minutes == 1 ? " minute" : " minutes") + ", then try again.");
    }

    /** A code typed past the limit counts too, and is not checked; answers how long until the window ends then, else null. */
    private Duration overLimit(String key) {
        WindowCounts.Count count = apart.execute(status -> attempts.increment(key, ATTEMPT_WINDOW));
        return count.count() > MAX_ATTEMPTS ? Duration.between(clock.instant(), count.windowStart().plus(ATTEMPT_WINDOW)) : null;
    }

    @Override
    public boolean enabled(String memberId) {
        return !jdbc.queryForList("SELECT 1 FROM identity_totp WHERE member_id = ? AND confirmed_at IS NOT NULL",
                Integer.class, memberId).isEmpty();
    }

    @Override
    @Transactional
    public boolean verify(String memberId, String code) {
        return check(memberId, code).accepted();
    }

    @Override
    @Transactional
    public boolean verifyOrThrottled(String memberId, String code) {
        Checked checked = check(memberId, code);
        if (checked.retryAfter() != null) {
            throw refusal(checked, null);
        }
        return checked.accepted();
    }

    /** A current code, or else a recovery code; a six-digit code past the limit is not tried as a recovery code. */
    private Checked check(String memberId, String code) {
        Checked current = accept(memberId, code, true);
        return current.accepted() || current.retryAfter() != null ? current : spendRecoveryCode(memberId, code);
    }

    /**
     * A recovery code in place of a six-digit one, each once: the conditional UPDATE spends it, so
     * two requests with the same code cannot both pass. Counted with the wrong codes (SECURITY-CASES 29).
     */
    private Checked spendRecoveryCode(String memberId, String code) {
        if (code == null || code.length() > 40 || typed(code).matches("[0-9]{6}") || !enabled(memberId)) {
            return Checked.WRONG;
        }
        String key = "totp:" + memberId;
        Duration wait = overLimit(key);
        if (wait != null) {
            return new Checked(false, wait);
        }
        boolean spent = jdbc.update("UPDATE identity_totp_recovery SET used_at = ? WHERE member_id = ? AND code_hash = ? "
                + "AND used_at IS NULL", Timestamp.from(clock.instant()), memberId, recoveryHash(code)) == 1;
        if (spent) {
            apart.executeWithoutResult(status -> attempts.reset(key));
        }
        return spent ? Checked.ACCEPTED : Checked.WRONG;
    }

    /**
     * Under the row lock: the code of the current step or one step either side, later than the last
     * accepted one, so that a code seen once (over a shoulder, in a log) is useless afterwards.
     */
    private Checked accept(String memberId, String code, boolean mustBeConfirmed) {
        if (code == null || code.length() > 40 || !typed(code).matches("[0-9]{6}")) {
            return Checked.WRONG;
        }
        String digits = typed(code);
        // A million codes, three of them good at any time: without a limit, a stolen session could
        // guess its way past the second factor (SECURITY-CASES 29). Attempts are counted before the
        // check, in a transaction of their own, since a wrong code rolls the caller's back.
        String key = "totp:" + memberId;
        Duration wait = overLimit(key);
        if (wait != null) {
            return new Checked(false, wait);
        }
        List<Object[]> rows = jdbc.query("SELECT secret, confirmed_at, last_step FROM identity_totp WHERE member_id = ? FOR UPDATE",
                (rs, n) -> new Object[] {rs.getString(1), rs.getTimestamp(2), rs.getLong(3)}, memberId);
        if (rows.isEmpty() || (mustBeConfirmed && rows.get(0)[1] == null)) {
            return Checked.WRONG;
        }
        byte[] secret = encryption.decrypt((String) rows.get(0)[0], CONTEXT + memberId);
        long lastStep = (Long) rows.get(0)[2];
        long now = TotpCodes.step(clock.instant().getEpochSecond());
        for (long step = now - 1; step <= now + 1; step++) {
            if (step > lastStep && TotpCodes.same(digits, TotpCodes.code(secret, step))) {
                jdbc.update("UPDATE identity_totp SET last_step = ? WHERE member_id = ?", step, memberId);
                apart.executeWithoutResult(status -> attempts.reset(key));
                return Checked.ACCEPTED;
            }
        }
        return Checked.WRONG;
    }
}
