package org.behalf.network.contacts;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.behalf.kernel.ProblemAnswer;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a member's contacts from an external address-book provider over HTTP with the member's
 * OAuth access token at that provider (docs/api.md, "Contacts"): {@code GET {base}/v1/contacts}
 * with {@code Authorization: Bearer}, following {@code next_page_token}. Every page is read before
 * anything is imported, so a failing, slow or malformed provider imports nothing: 502 for a refusal
 * or a bad answer, 504 for a timeout. The token is sent only to the provider and never logged.
 */
@Component
class AddressBookProvider {

    static final int MAX_PAGES = 50;

    private final RestClient http;
    private final JsonMapper json;
    private final String baseUrl;
    private final String clientId;
    private final String clientSecret;

    AddressBookProvider(AddressBookSettings settings, JsonMapper json) {
        this.json = json;
        String baseUrl = settings.baseUrl();
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.clientId = settings.clientId();
        this.clientSecret = settings.clientSecret();
        // The JDK's client with explicit timeouts, as every outbound call (docs/configuration.md); a
        // redirect is an answer, never followed with the member's token (docs/security.md rule 42).
        // Spring's read timeout on this client is a deadline for the whole answer, from sending the
        // request until its body is read: when it passes, the body stream is closed under the
        // reader, where the JDK's own request timeout, which the hand-built client used, stopped at
        // the headers. So a provider that trickles its body no longer holds a request thread past
        // it, and whatever else the exchange spends also counts: HTTP/1.1, because on a plain-http
        // address the JDK's client otherwise opens each connection with an HTTP/2 upgrade
        // (Upgrade: h2c), whose switch and settings exchange came before the first answer and
        // took most of a 1 s deadline against WireMock on a busy machine (ProviderImportTest's
        // imports answered 504 with the answer half read). Over https HTTP/2 would be agreed in
        // the TLS handshake instead; a few small pages gain nothing from it.
        this.http = RestClient.builder().requestFactory(ClientHttpRequestFactoryBuilder.jdk()
                .withHttpClientCustomizer(client -> client.version(HttpClient.Version.HTTP_1_1))
                .build(HttpClientSettings.defaults().withTimeouts(settings.connectTimeout(), settings.readTimeout())
                        .withRedirects(HttpRedirects.DONT_FOLLOW))).build();
    }

    /**
     * The authorization code the member's app got from the provider, exchanged for an access token
     * at {@code POST {base}/oauth/token} (RFC 6749 section 4.1.3, client authenticated with HTTP Basic,
     * with the PKCE verifier when the app used one). The token is used for this import only.
     */
    String redeem(String code, String redirectUri, String codeVerifier) {
        configured();
        if (clientId.isBlank()) {
            throw problem(HttpStatus.SERVICE_UNAVAILABLE, "This server has no client registration at the provider; send an access token instead.");
        }
        StringBuilder form = new StringBuilder("grant_type=authorization_code&code=").append(encode(code))
                .append("&redirect_uri=").append(encode(redirectUri));
        if (codeVerifier != null && !codeVerifier.isBlank()) {
            form.append("&code_verifier=").append(encode(codeVerifier));
        }
        String basic = java.util.Base64.getEncoder().encodeToString((encode(clientId) + ":" + encode(clientSecret))
                .getBytes(StandardCharsets.UTF_8));
        Answer answer = send(http.post().uri(URI.create(baseUrl + "/oauth/token"))
                .header("Authorization", "Basic " + basic).accept(MediaType.APPLICATION_JSON)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                // Bytes, whose length is known: the JDK's client sends them with a Content-Length.
                .body(form.toString().getBytes(StandardCharsets.UTF_8)));
        if (answer.status() != 200) {
            throw problem(HttpStatus.BAD_GATEWAY, "The provider refused the authorization code (HTTP " + answer.status()
                    + "); nothing was imported.");
        }
        String token = parse(answer).path("access_token").asString("");
        if (token.isBlank()) {
            throw problem(HttpStatus.BAD_GATEWAY, "The provider's token answer has no access token; nothing was imported.");
        }
        return token;
    }

    List<Contact.Draft> fetchAll(String accessToken) {
        configured();
        List<Contact.Draft> contacts = new ArrayList<>();
        String pageToken = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            JsonNode answer = page(accessToken, pageToken);
            JsonNode items = answer.path("contacts");
            if (!items.isArray()) {
                throw problem(HttpStatus.BAD_GATEWAY, "The provider's answer has no list of contacts.");
            }
            for (JsonNode item : items) {
                contacts.add(new Contact.Draft(item.path("name").asString(null), strings(item.path("emails")), strings(item.path("phones")),
                        item.path("company").asString(null), item.path("title").asString(null), null, List.of()));
            }
            pageToken = answer.path("next_page_token").asString(null);
            if (pageToken == null || pageToken.isEmpty()) {
                return contacts;
            }
        }
        throw problem(HttpStatus.BAD_GATEWAY, "The provider returned more than " + MAX_PAGES + " pages.");
    }

    private JsonNode page(String accessToken, String pageToken) {
        // A URI, not a template: the page token goes out encoded once, as given.
        String uri = baseUrl + "/v1/contacts" + (pageToken == null ? "" : "?page_token=" + URLEncoder.encode(pageToken, StandardCharsets.UTF_8));
        Answer answer = send(http.get().uri(URI.create(uri)).header("Authorization", "Bearer " + accessToken)
                .accept(MediaType.APPLICATION_JSON));
        if (answer.status() == 401 || answer.status() == 403) {
            throw problem(HttpStatus.BAD_GATEWAY, "The provider refused the access token; nothing was imported.");
        }
        if (answer.status() != 200) {
            throw problem(HttpStatus.BAD_GATEWAY, "The provider failed (HTTP " + answer.status() + "); nothing was imported.");
        }
        return parse(answer);
    }

    private void configured() {
        if (baseUrl.isEmpty()) {
            throw problem(HttpStatus.SERVICE_UNAVAILABLE, "No address-book provider is configured on this server.");
        }
    }

    /** What the provider answered. */
    private record Answer(int status, byte[] body) {
    }

    /** Every status is read, never thrown: each has its own problem for the member. */
    private Answer send(RestClient.RequestHeadersSpec<?> request) {
        try {
            return request.exchange((sent, response) -> new Answer(response.getStatusCode().value(), response.getBody().readAllBytes()));
        } catch (ResourceAccessException e) {
            throw problem(timedOut(e) ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.BAD_GATEWAY, timedOut(e)
                    ? "The provider did not answer in time; nothing was imported." : "The provider could not be reached; nothing was imported.");
        }
    }

    /** The read timeout shows as the JDK's {@link HttpTimeoutException} somewhere down the causes. */
    private static boolean timedOut(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpTimeoutException || cause instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private JsonNode parse(Answer answer) {
        try {
            return json.readTree(answer.body());
        } catch (RuntimeException e) {
            throw problem(HttpStatus.BAD_GATEWAY, "The provider's answer is not JSON; nothing was imported.");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(value -> values.add(value.asString()));
        }
        return values;
    }

    private static ErrorResponseException problem(HttpStatus status, String detail) {
        return new ErrorResponseException(status, ProblemAnswer.of(status, "provider", detail), null);
    }
}
