package org.behalf.server;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A real SMTP server (GreenMail) in the test JVM, shared like {@link ProviderStub}: the server under
 * test sends its mail there with Spring Boot's mail starter, and tests read it back.
 */
public final class MailServer {

    private static GreenMail server;

    private MailServer() {
    }

    public static synchronized GreenMail server() {
        if (server == null) {
            server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }
}
