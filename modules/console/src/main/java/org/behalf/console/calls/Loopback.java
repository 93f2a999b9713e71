package org.behalf.console.calls;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
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
    public static RestClient.Builder client(ConsoleSettings settings) {
        return RestClient.builder().requestFactory(ClientHttpRequestFactoryBuilder.jdk().build(HttpClientSettings.defaults()
                .withTimeouts(settings.connectTimeout(), settings.readTimeout()).withRedirects(HttpRedirects.DONT_FOLLOW)));
    }

    /**
     * The same client for the token and revocation endpoints, reading what Spring Security's token
     * clients expect: a form out, a token response in, and an error answer (RFC 6749 section 5.2)
     * turned into its {@code OAuth2Error}.
     */
    public static RestClient tokenEndpoint(ConsoleSettings settings) {
        return client(settings).configureMessageConverters(converters -> {
            converters.addCustomConverter(new FormHttpMessageConverter());
            converters.addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter());
        }).defaultStatusHandler(new OAuth2ErrorResponseErrorHandler()).build();
    }
}
