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

    /** Turns it on with a first code; answers the recovery codes, shown this once. */
    @Transactional
    List<String> confirm(String memberId, String code) {
        if (!accept(memberId, code, false)) {
            throw new InvalidRequest("code", "That code is not the current one; check the app's clock and try the next code.");
        }
        jdbc.update("UPDATE identity_totp SET confirmed_at = ? WHERE member_id = ?", Timestamp.from(clock.instant()), memberId);
        return newRecoveryCodes(memberId);
    }

    @Transactional
    void turnOff(String memberId, String code) {
        if (!enabled(memberId)) {
            throw InvalidRequest.conflict("Two-step sign-in is not on.");
        }
        if (!verify(memberId, code)) {
            throw new InvalidRequest("code", "That code is not the current one.");
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
        if (!verify(memberId, code)) {
            throw new InvalidRequest("code", "That code is not the current one.");
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
        return TokenHashes.sha256(code.replaceAll("[\\s-]", "").toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public boolean enabled(String memberId) {
        return !jdbc.queryForList("SELECT 1 FROM identity_totp WHERE member_id = ? AND confirmed_at IS NOT NULL",
                Integer.class, memberId).isEmpty();
    }

    @Override
    @Transactional
    public boolean verify(String memberId, String code) {
        return accept(memberId, code, true) || spendRecoveryCode(memberId, code);
    }

    /**
     * A recovery code in place of a six-digit one, each once: the conditional UPDATE spends it, so
     * two requests with the same code cannot both pass. Counted with the wrong codes (SECURITY-CASES 29).
     */
    private boolean spendRecoveryCode(String memberId, String code) {
        if (code == null || code.strip().matches("[0-9]{6}") || code.length() > 40 || !enabled(memberId)) {
            return false;
        }
        String key = "totp:" + memberId;
        if (apart.execute(status -> attempts.increment(key, ATTEMPT_WINDOW).count()) > MAX_ATTEMPTS) {
            return false;
        }
        boolean spent = jdbc.update("UPDATE identity_totp_recovery SET used_at = ? WHERE member_id = ? AND code_hash = ? "
                + "AND used_at IS NULL", Timestamp.from(clock.instant()), memberId, recoveryHash(code)) == 1;
        if (spent) {
            apart.executeWithoutResult(status -> attempts.reset(key));
        }
        return spent;
    }

    /**
     * Under the row lock: the code of the current step or one step either side, later than the last
     * accepted one, so that a code seen once (over a shoulder, in a log) is useless afterwards.
     */
    private boolean accept(String memberId, String code, boolean mustBeConfirmed) {
        if (code == null || !code.strip().matches("[0-9]{6}")) {
            return false;
        }
        // A million codes, three of them good at any time: without a limit, a stolen session could
        // guess its way past the second factor (SECURITY-CASES 29). Attempts are counted before the
        // check, in a transaction of their own, since a wrong code rolls the caller's back.
        String key = "totp:" + memberId;
        if (apart.execute(status -> attempts.increment(key, ATTEMPT_WINDOW).count()) > MAX_ATTEMPTS) {
            return false;
        }
        List<Object[]> rows = jdbc.query("SELECT secret, confirmed_at, last_step FROM identity_totp WHERE member_id = ? FOR UPDATE",
                (rs, n) -> new Object[] {rs.getString(1), rs.getTimestamp(2), rs.getLong(3)}, memberId);
        if (rows.isEmpty() || (mustBeConfirmed && rows.get(0)[1] == null)) {
            return false;
        }
        byte[] secret = encryption.decrypt((String) rows.get(0)[0], CONTEXT + memberId);
        long lastStep = (Long) rows.get(0)[2];
        long now = TotpCodes.step(clock.instant().getEpochSecond());
        for (long step = now - 1; step <= now + 1; step++) {
            if (step > lastStep && TotpCodes.same(code.strip(), TotpCodes.code(secret, step))) {
                jdbc.update("UPDATE identity_totp SET last_step = ? WHERE member_id = ?", step, memberId);
                apart.executeWithoutResult(status -> attempts.reset(key));
                return true;
            }
        }
        return false;
    }
}
