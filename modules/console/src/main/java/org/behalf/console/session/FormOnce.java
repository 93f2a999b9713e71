package org.behalf.console.session;

import java.net.URI;
import java.security.Principal;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * A console form that creates something (a grant, an app, a webhook, an assistant, an invitation)
 * carries a one-time token, rendered into the form ({@code layout :: once}) and spent on submit: the
 * first submit of a render is done, a second of the same render (a double click on a slow link, the
 * same page sent from two tabs, a resend) is answered with the first's result page, and nothing is
 * created twice. The browser session cannot hold the spent tokens, since each request works on its
 * own copy of it; a row per token in the database can, on every node: the first insert wins, the
 * others find its key taken. A refused or failed submit gives its token back (the form may be sent
 * again as it was); a submit that waits for another still under way sees its result once written.
 * Going Back to a sent form draws it anew, with a fresh token: where the browser then filled in
 * everything typed (Chromium does), sending it again made a second grant (black-box finding 12,
 * 2026-12-07). The grant, app, webhook, assistant, invitation and profile forms are also {@code autocomplete="off"}, which the
 * browser honours by not restoring its fields (HTML, "autofill"), so what comes back is an empty form (the profile as it
 * is), not a resend: a helper's profile save held for review, sent again from Back, was held twice.
 */
@Component
public class FormOnce implements HandlerInterceptor {

    /** The form field that carries the token. */
    public static final String FIELD = "_once";

    private static final String SPENDING = FormOnce.class.getName() + ".spending";
    private static final Duration KEPT = Duration.ofDays(1);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final Clock clock;

    FormOnce(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A fresh token for one render of a form (templates: {@code ${@formOnce.issue()}}). */
    public String issue() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
        String token = request.getParameter(FIELD);
        if (!"POST".equals(request.getMethod()) || token == null || token.isEmpty() || token.length() > 64) {
            return true;
        }
        Spent spent = new Spent(account(request), token);
        Instant until = clock.instant().plus(WAIT);
        jdbc.update("DELETE FROM console_form_once WHERE sent_at < ?", Timestamp.from(clock.instant().minus(KEPT)));
        while (true) {
            if (claim(spent)) {
                request.setAttribute(SPENDING, spent);
                return true;
            }
            List<String> result = jdbc.queryForList("SELECT result FROM console_form_once WHERE account_id = ? AND token = ?",
                    String.class, spent.account(), spent.token());
            if (result.isEmpty()) {
                continue; // the first was refused and gave the token back: this one is done as sent
            }
            if (result.get(0) != null || clock.instant().isAfter(until)) {
                String target = result.get(0) != null ? result.get(0) : request.getRequestURI();
                FlashMap notice = RequestContextUtils.getOutputFlashMap(request);
                notice.put("notice", result.get(0) != null
                        ? "This form was sent twice; it was done once."
                        : "This form was sent twice and the first is still under way; nothing was done twice.");
                notice.setTargetRequestPath(URI.create(target).getPath());
                RequestContextUtils.saveOutputFlashMap(target, request, response);
                response.sendRedirect(target);
                return false;
            }
            Thread.sleep(50); // the first of two sends still under way: its answer comes within a moment
        }
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception failure) {
        if (!(request.getAttribute(SPENDING) instanceof Spent spent)) {
            return;
        }
        String location = response.getHeader("Location");
        if (failure == null && response.getStatus() / 100 == 3 && location != null) {
            URI target = URI.create(location);
            String path = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
            jdbc.update("UPDATE console_form_once SET result = ? WHERE account_id = ? AND token = ?",
                    path.length() > 2000 ? target.getRawPath() : path, spent.account(), spent.token());
        } else {
            jdbc.update("DELETE FROM console_form_once WHERE account_id = ? AND token = ?", spent.account(), spent.token());
        }
    }

    private boolean claim(Spent spent) {
        Instant now = clock.instant();
        try {
            jdbc.update("INSERT INTO console_form_once (account_id, token, sent_at) VALUES (?, ?, ?)",
                    spent.account(), spent.token(), Timestamp.from(now));
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    private static String account(HttpServletRequest request) {
        Principal member = request.getUserPrincipal();
        return member == null ? "" : member.getName();
    }

    private record Spent(String account, String token) {
    }
}
