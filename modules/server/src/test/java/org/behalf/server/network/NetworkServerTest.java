package org.behalf.server.network;

import org.behalf.server.ServerTest;
import org.behalf.testing.Http;
import org.junit.jupiter.api.BeforeEach;

/** The network tests' common ground: the shared server, an HTTP client of it, and the network fixture. */
abstract class NetworkServerTest extends ServerTest {

    protected Http http;
    protected NetworkFixture network;

    @BeforeEach
    void client() {
        http = new Http(baseUrl());
        network = new NetworkFixture(http);
    }
}
