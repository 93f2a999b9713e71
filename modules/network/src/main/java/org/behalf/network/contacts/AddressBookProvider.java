package org.behalf.network.contacts;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.behalf.kernel.ProblemAnswer;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
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

    private final HttpClient http;
    private final JsonMapper json;
    private final String baseUrl;
    private final Duration readTimeout;
    private final String clientId;
    private final String clientSecret;

    AddressBookProvider(AddressBookSettings settings, JsonMapper json) {
        this.json = json;
        String baseUrl = settings.baseUrl();
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.readTimeout = settings.readTimeout();
        this.clientId = settings.clientId();
        this.clientSecret = settings.clientSecret();
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
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
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/oauth/token")).timeout(readTimeout)
                .header("Authorization", "Basic " + basic).header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200) {
            throw problem(HttpStatus.BAD_GATEWAY, "The provider refused the authorization code (HTTP " + response.statusCode()
                    + "); nothing was imported.");
        }
        String token = parse(response).path("access_token").asString("");
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
        String uri = baseUrl + "/v1/contacts" + (pageToken == null ? "" : "?page_token=" + URLEncoder.encode(pageToken, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(uri)).timeout(readTimeout)
                .header("Authorization", "Bearer " + accessToken).header("Accept", "application/json").GET().build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw problem(HttpStatus.BAD_GATEWAY, "The provider refused the access token; nothing was imported.");
        }
        if (response.statusCode() != 200) {
            throw problem(HttpStatus.BAD_GATEWAY, "The provider failed (HTTP " + response.statusCode() + "); nothing was imported.");
        }
        return parse(response);
    }

    private void configured() {
        if (baseUrl.isEmpty()) {
            throw problem(HttpStatus.SERVICE_UNAVAILABLE, "No address-book provider is configured on this server.");
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw problem(HttpStatus.GATEWAY_TIMEOUT, "The provider did not answer in time; nothing was imported.");
        } catch (IOException e) {
            throw problem(HttpStatus.BAD_GATEWAY, "The provider could not be reached; nothing was imported.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw problem(HttpStatus.BAD_GATEWAY, "Interrupted; nothing was imported.");
        }
    }

    private JsonNode parse(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
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
