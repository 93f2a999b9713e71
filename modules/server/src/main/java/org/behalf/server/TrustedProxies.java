package org.behalf.server;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * {@code BEHALF_TRUSTED_PROXIES} is a regular expression of addresses (docs/configuration.md). One that
 * does not compile stopped start-up inside Tomcat's valve with "Unable to start web server …
 * PatternSyntaxException: Unclosed group", naming no setting (black-box finding, 2026-12-07); it is read
 * here first, before Tomcat's own customizer, and refused naming the variable and what is wrong.
 */
@Component
class TrustedProxies implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    private final String expression;

    TrustedProxies(@Value("${server.tomcat.remoteip.internal-proxies:127\\.0\\.0\\.1|0:0:0:0:0:0:0:1}") String expression) {
        this.expression = expression;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        pattern(expression);
    }

    /** The proxies' addresses as a pattern, or a refusal that names the variable. */
    static Pattern pattern(String expression) {
        try {
            return Pattern.compile(expression);
        } catch (PatternSyntaxException wrong) {
            throw new IllegalStateException("BEHALF_TRUSTED_PROXIES (server.tomcat.remoteip.internal-proxies) is not a regular "
                    + "expression of addresses: " + wrong.getDescription() + " at character " + (wrong.getIndex() + 1) + " of '"
                    + expression + "'. Write the proxies' addresses with dots escaped and | between them, "
                    + "such as 10\\.0\\.0\\.5|10\\.0\\.0\\.6 (docs/configuration.md).");
        }
    }

    /** Before Tomcat's own customizer, which compiles the same expression. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
