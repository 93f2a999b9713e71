package org.behalf.identity.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.behalf.identity.IdentitySlice;
import org.behalf.testing.AtOnce;
import org.behalf.testing.Http;
import org.behalf.testing.Members;
import org.behalf.testing.Members.Member;
import org.junit.jupiter.api.Test;

/**
 * Brute-force protection of the sign-in form (SECURITY-CASES 27, 29): counted per account
 * whatever name it is reached by, holding under parallel guesses, and answering a known and an
 * unknown account alike.
 */
class SignInThrottleTest extends IdentitySlice {

    private static final String THROTTLED = "429: wait";

    @Test
    void parallelGuessesUnderBothNamesExhaustTheAccountsAttemptsAndThenEvenTheRightPasswordIsRefused() throws Exception {
        Member target = Members.create(baseUrl(), "guessed");
        List<Callable<String>> guesses = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String name = i % 2 == 0 ? target.handle() : target.email().toUpperCase(java.util.Locale.ROOT);
            String password = "guess " + i;
            guesses.add(() -> signIn(name, password));
        }

        List<String> answers = AtOnce.all(guesses);

        assertThat(answers).allSatisfy(location -> assertThat(location).containsAnyOf("error", THROTTLED));
        // At most ten are checked: in a burst an attempt may read the count after a later one added to it, and be refused too.
        assertThat(answers).filteredOn(location -> location.contains("error")).as("at most ten are checked").hasSizeLessThanOrEqualTo(10);
        assertThat(answers).filteredOn(THROTTLED::equals).as("the rest are told to wait").hasSizeGreaterThanOrEqualTo(2);
        assertThat(signIn(target.handle(), target.password())).isEqualTo(THROTTLED);
    }

    /**
     * SECURITY-CASES 37: past the limit the answer is 429 with Retry-After, and the page says to
     * wait (a black-box finding: it answered 302 "did not work", even to the right password).
     */
    @Test
    void aThrottledSignInIsAnswered429WithRetryAfterAndThePageSaysToWait() {
        Member target = Members.create(baseUrl(), "waiting");
        for (int i = 0; i < 10; i++) {
            assertThat(signIn(target.handle(), "wrong " + i)).contains("error");
        }
        Http.Response refused = post(target.handle(), target.password());
        assertThat(refused.status()).isEqualTo(429);
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 15 * 60L);
        assertThat(refused.header("Content-Type")).startsWith("text/html");
        assertThat(refused.body()).contains("Too many sign-in attempts for this name or from this address. Wait 15 minutes, then try again.")
                .contains("name=\"password\"");
        Http.Response unknown = post(Members.unique("nobody"), "x");
        assertThat(unknown.status()).as("another name is still checked").isEqualTo(302);
        assertThat(new Http(baseUrl()).get("/login/throttled", null).status()).as("typed in by hand: the plain form").isEqualTo(302);
    }

    @Test
    void anUnknownAccountIsAnsweredExactlyLikeAWrongPassword() {
        Member known = Members.create(baseUrl(), "knownacct");

        String wrongPassword = signIn(known.handle(), "not the password");
        String unknown = signIn(Members.unique("nobody"), "not the password");

        assertThat(unknown).isEqualTo(wrongPassword).contains("error");
        assertThat(signIn(known.handle(), known.password())).doesNotContain("error");
    }

    /** Each failed sign-in counts once (it counted twice: the documented 10 acted as 5). */
    @Test
    void afterNineWrongPasswordsTheRightOneStillSignsIn() {
        Member target = Members.create(baseUrl(), "ninewrong");
        for (int i = 0; i < 9; i++) {
            assertThat(signIn(target.handle(), "wrong " + i)).contains("error");
        }
        assertThat(signIn(target.handle(), target.password())).doesNotContain("error");
    }

    /**
     * docs/security.md rule 37: a password change and closing the account check the current
     * password, and guesses there count like sign-in failures; past the limit, 429 with
     * Retry-After, and not even the right password is checked.
     */
    @Test
    void currentPasswordChecksAreThrottledLikeSignInsWithRetryAfter() {
        Member target = Members.create(baseUrl(), "pwguess");
        Http http = new Http(baseUrl());
        List<Integer> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String path = i % 2 == 0 ? "/api/v1/account/password" : "/api/v1/account/close";
            Map<String, String> body = i % 2 == 0 ? Map.of("currentPassword", "guess " + i, "newPassword", "a new long password " + i)
                    : Map.of("password", "guess " + i);
            answers.add(http.post(path, target.accessToken(), body).status());
        }
        Http.Response refused = http.post("/api/v1/account/password", target.accessToken(),
                Map.of("currentPassword", target.password(), "newPassword", "a new long password right"));
        Http.Response closing = http.post("/api/v1/account/close", target.accessToken(), Map.of("password", target.password()));

        assertThat(answers).allSatisfy(status -> assertThat(status).isBetween(400, 403));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).matches("[1-9][0-9]*");
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(closing.status()).as("the account stays open").isEqualTo(429);
        assertThat(http.get("/api/v1/profile", target.accessToken()).status()).isEqualTo(200);
        assertThat(signIn(target.handle(), target.password())).as("the password is unchanged, and sign-in shares the limit")
                .isEqualTo(THROTTLED);
    }

    /** One sign-in on the form, in a fresh browser; answers where it sends the browser, or {@link #THROTTLED}. */
    private String signIn(String username, String password) {
        Http.Response answer = post(username, password);
        if (answer.status() == 429) {
            return THROTTLED;
        }
        assertThat(answer.status()).isEqualTo(302);
        return answer.header("Location");
    }

    private Http.Response post(String username, String password) {
        Http browser = new Http(baseUrl());
        Map<String, String> form = Members.signInForm(browser);
        form.put("username", username);
        form.put("password", password);
        return browser.form("/login", form);
    }
}
