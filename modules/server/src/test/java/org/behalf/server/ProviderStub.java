package org.behalf.server;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/**
 * The external address-book provider, as WireMock, shared by the test JVM: the server under test
 * is configured with its address once, so that every test class shares one Spring context.
 */
public final class ProviderStub {

    private static WireMockServer server;

    private ProviderStub() {
    }

    public static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }
}
