package org.behalf.identity.account;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;

import org.behalf.audit.api.ActivityEvent;
import org.behalf.audit.api.ActivityRecorder;
import org.behalf.identity.api.IdentitySettings;
import org.behalf.identity.member.MemberAccounts;
import org.behalf.identity.signin.WindowCounts;
import org.behalf.identity.tokens.TokenHashes;
import org.behalf.kernel.InvalidRequest;
import org.behalf.kernel.TooManyRequests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSender;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Password reset by e-mail (issue 18). Asking always gets the same answer, whether or not an
 * account has the address (docs/security.md rule 27): the mail is sent after the answer, on another
 * thread, so its time does not show either. The reset code is single-use, good for 30 minutes, and
 * stored only as its SHA-256 hash (rule 28); it is typed into the console, never put in a link, so
 * it is in no URL. Requests and code attempts count per address, and per e-mail address, before
 * anything is looked up; past the limit, 429 with Retry-After (rules 29 and 37). Setting the new
 * password ends every session of the account, like a password change.
 */
@Service
class PasswordResets {

    private static final Logger LOG = LoggerFactory.getLogger(PasswordResets.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    static final Duration LIFETIME = Duration.ofMinutes(30);
    static final Duration WINDOW = Duration.ofMinutes(15);
    /** Requests per e-mail address in a window; per client address, requests and codes tried are {@code maxPerAddress} each. */
    static final int MAX_PER_EMAIL = 5;

    private final MemberAccounts accounts;
    private final AccountService sessions;
    private final JdbcTemplate jdbc;
    private final WindowCounts counts;
    private final MailSender mail;
    private final Executor background;
    private final ActivityRecorder activity;
    private final Clock clock;
    private final TransactionTemplate apart;
    private final String from;
    private final int maxPerAddress;

    PasswordResets(MemberAccounts accounts, AccountService sessions, JdbcTemplate jdbc, WindowCounts counts,
                   MailSender mail, @Qualifier("applicationTaskExecutor") Executor applicationTaskExecutor, ActivityRecorder activity, Clock clock,
                   PlatformTransactionManager transactions, IdentitySettings identity, PasswordResetSettings settings) {
        this.maxPerAddress = settings.maxPerAddress();
        this.accounts = accounts;
        this.sessions = sessions;
        this.jdbc = jdbc;
        this.counts = counts;
        this.mail = mail;
        this.background = applicationTaskExecutor;
        this.activity = activity;
        this.clock = clock;
        this.from = identity.mailFrom();
        this.apart = new TransactionTemplate(transactions);
        this.apart.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Sends a reset code if an account has this address; the caller learns nothing either way. */
    @Transactional
    void request(String email, String address) {
        // The shape first: a blank address is no address whose limit anyone could reach, and all
        // blank ones shared one count (black-box finding, 2026-12-07). The count then keys on the
        // address as the account is found by it, so that a full-width or upper-case spelling is no
        // new address to flood with mail (docs/security.md rules 26 and 29).
        String key = email == null || email.isBlank() ? "" : accounts.emailKey(email);
        if (key.indexOf('@') < 1) {
            throw new InvalidRequest("email", "Type the e-mail address of your account.");
        }
        count("reset:" + address, maxPerAddress, "Too many password resets asked from this address; try again later.");
        count("reset-mail:" + key, MAX_PER_EMAIL, "Too many password resets asked for this address; try again later.");
        accounts.byEmail(email).ifPresent(member -> {
            String code = newCode();
            Instant now = clock.instant();
            jdbc.update("DELETE FROM identity_password_reset WHERE member_id = ? AND used_at IS NULL", member.id());
            jdbc.update("INSERT INTO identity_password_reset (member_id, code_hash, created_at, expires_at, used_at) VALUES (?, ?, ?, ?, NULL)",
                    member.id(), hash(code), Timestamp.from(now), Timestamp.from(now.plus(LIFETIME)));
            SimpleMailMessage message = new SimpleMailMessage();
            message.setFrom(from);
            message.setTo(member.email());
            message.setSubject("Your Behalf password reset code");
            message.setText("Hello " + member.displayName() + ",\n\nSomeone (we hope you) asked to reset the password of your Behalf "
                    + "account. Your reset code is:\n\n    " + code + "\n\nType it on the console's \"Set a new password\" page "
                    + "within 30 minutes. It works once. If you did not ask, ignore this mail: your password stays as it is.\n");
            afterCommit(() -> background.execute(() -> send(message)));
        });
    }

    /** Sets the new password with a reset code, once; every session of the account ends. */
    @Transactional
    void complete(String code, String newPassword, String address) {
        count("reset-code:" + address, maxPerAddress, "Too many reset codes tried from this address; try again later.");
        if (code == null || code.isBlank() || code.length() > 40) {
            throw new InvalidRequest("code", "Type the reset code from the mail.");
        }
        List<String> member = jdbc.queryForList("SELECT member_id FROM identity_password_reset WHERE code_hash = ? AND used_at IS NULL "
                + "AND expires_at > ? FOR UPDATE", String.class, hash(code), Timestamp.from(clock.instant()));
        if (member.isEmpty()) {
            throw new InvalidRequest("code", "That reset code is not right, was used already, or has expired; ask for a new one.");
        }
        String memberId = member.get(0);
        accounts.setPassword(memberId, newPassword);
        jdbc.update("UPDATE identity_password_reset SET used_at = ? WHERE member_id = ? AND code_hash = ?",
                Timestamp.from(clock.instant()), memberId, hash(code));
        int ended = sessions.endEverySessionBut(memberId, null);
        activity.record(new ActivityEvent(memberId, new ActivityEvent.Actor(ActivityEvent.Actor.Kind.HOLDER, memberId), null, null,
                "account.password_reset", null, ActivityEvent.Outcome.SUCCESS, null,
                List.of(new ActivityEvent.Change("sessionsEnded", null, ended)), null));
    }

    /** Counted in a transaction of its own, so that a refused request still counts (rule 37). */
    private void count(String key, int limit, String refusal) {
        WindowCounts.Count count = apart.execute(status -> counts.increment(key, WINDOW));
        if (count.count() > limit) {
            throw new TooManyRequests(Duration.between(clock.instant(), count.windowStart().plus(WINDOW)), refusal);
        }
    }

    private void send(SimpleMailMessage message) {
        try {
            mail.send(message);
        } catch (MailException e) {
            LOG.warn("A password reset mail could not be sent: {}", e.getMessage());
        }
    }

    private static void afterCommit(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }

    /** 12 characters of a 32-letter alphabet without look-alikes: 60 bits, typed as three groups of four. */
    private static String newCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    private static String hash(String code) {
        return TokenHashes.sha256(code.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT));
    }
}
