package org.behalf.identity.mail;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.behalf.identity.api.Mailbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.mail.MailSender;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.stereotype.Component;

/**
 * Mail without a mail server: written to the log and kept (the latest 50) for the console's
 * development mailbox page. Exists only while {@code spring.mail.host} is unset; with it set,
 * Spring Boot's mail starter sends real mail over SMTP instead. The log line carries the message,
 * reset codes included: acceptable only because no deployment runs without a mail server
 * (docs/security.md rule 28 names this exception).
 */
@Component
@ConditionalOnExpression("'${spring.mail.host:}'.isEmpty()")
class DevelopmentMailbox implements MailSender, Mailbox {

    private static final Logger LOG = LoggerFactory.getLogger(DevelopmentMailbox.class);
    private static final int KEPT = 50;

    private final Deque<Mail> mail = new ArrayDeque<>();
    private final Clock clock;

    DevelopmentMailbox(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void send(SimpleMailMessage... messages) {
        for (SimpleMailMessage message : messages) {
            String to = message.getTo() == null ? "" : String.join(", ", message.getTo());
            LOG.warn("No mail server (spring.mail.host): this mail goes to the development mailbox only. To {}: {}\n{}", to,
                    message.getSubject(), message.getText());
            synchronized (mail) {
                mail.addFirst(new Mail(to, message.getSubject(), message.getText(), clock.instant()));
                while (mail.size() > KEPT) {
                    mail.removeLast();
                }
            }
        }
    }

    @Override
    public List<Mail> recent() {
        synchronized (mail) {
            return List.copyOf(mail);
        }
    }
}
