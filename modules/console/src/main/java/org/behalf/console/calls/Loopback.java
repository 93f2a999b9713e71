package org.behalf.console.calls;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.web.client.RestClient;

/**
 * The console reaches the resource API and the token endpoint of the node it runs on, over the
 * loopback interface: no proxy in between, and the same issuer for the tokens it asks for and the
 * API that checks them.
 */
public record Loopback(String baseUrl) {

    public static Loopback of(HttpServletRequest request) {
        return new Loopback("http://127.0.0.1:" + request.getLocalPort());
    }

    /**
     * The client those calls go out through: the JDK's, with the console's timeouts, and redirects
     * not followed (an answer of the API is shown as it is, never chased elsewhere with a token).
     */
    public static RestClient client(ConsoleSettings settings) {
        return RestClient.builder().requestFactory(ClientHttpRequestFactoryBuilder.jdk().build(HttpClientSettings.defaults()
                .withTimeouts(settings.connectTimeout(), settings.readTimeout()).withRedirects(HttpRedirects.DONT_FOLLOW))).build();
    }
}
