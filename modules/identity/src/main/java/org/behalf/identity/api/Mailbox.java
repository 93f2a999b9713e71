package org.behalf.identity.api;

import java.time.Instant;
import java.util.List;

/**
 * The development mailbox: where mail goes when no mail server is configured ({@code spring.mail.host}
 * unset, as under {@code scripts/run}), so that a password reset can be tried without one. The
 * console shows it on a page; a deployment with a mail server has no such bean and no such page.
 */
public interface Mailbox {

    record Mail(String to, String subject, String body, Instant sentAt) {
    }

    /** The latest mail, newest first. */
    List<Mail> recent();
}
