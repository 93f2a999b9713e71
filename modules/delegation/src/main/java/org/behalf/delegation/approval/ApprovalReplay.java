package org.behalf.delegation.approval;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;

import org.behalf.delegation.enforcement.NotReRunnable;
import org.behalf.kernel.TextField;
import org.behalf.kernel.ClientAddress;
import org.behalf.identity.api.ConsoleClient;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends an approved change to the API of this node over loopback, with the approving holder's own
 * bearer token and {@value #HEADER} naming the approval, so the change goes through every check of
 * its endpoint and is recorded as the holder's, with the approval it applies.
 */
@Component
class ApprovalReplay {

    static final String HEADER = "X-Behalf-Approval";
    private static final int MAX_DETAIL = 500;

    /** What applying answered. */
    record Answer(int status, String detail) {
        boolean succeeded() {
            return status >= 200 && status < 300;
        }
    }

    private final RestClient http;
    private final JsonMapper json;

    /** The JDK's client with explicit timeouts; a redirect is an answer, never followed with the holder's token. */
    ApprovalReplay(ApprovalSettings settings, JsonMapper json) {
        this.http = RestClient.builder().requestFactory(ClientHttpRequestFactoryBuilder.jdk().build(HttpClientSettings.defaults()
                .withTimeouts(settings.connectTimeout(), settings.readTimeout()).withRedirects(HttpRedirects.DONT_FOLLOW))).build();
        this.json = json;
    }

    Answer apply(HttpServletRequest approving, Approval approval) {
        // The change commits in its own request: approving must not be re-run after a conflict.
        NotReRunnable.mark(approving);
        // A URI, not a template: the stored path goes out byte for byte.
        RestClient.RequestBodySpec request = http.method(HttpMethod.valueOf(approval.method()))
                .uri(URI.create("http://127.0.0.1:" + approving.getLocalPort() + approval.path()))
                .header("Authorization", approving.getHeader("Authorization"))
                .header("Accept", "application/json")
                .header(HEADER, approval.id());
        if (approval.contentType() != null) {
            request.header("Content-Type", approval.contentType());
        }
        if (approval.body() != null && !approval.body().isEmpty()) {
            request.body(approval.body().getBytes(StandardCharsets.UTF_8));
        }
        // The approving person's address, believed by the API only from the console (see ClientAddress).
        request.header(ClientAddress.BROWSER_ADDRESS_HEADER, ClientAddress.of(approving));
        try {
            // Every status is the change's outcome, shown to the holder: read, never thrown.
            return request.exchange((sent, answer) -> {
                int status = answer.getStatusCode().value();
                return new Answer(status, detail(status, answer.getBody().readAllBytes()));
            });
        } catch (ResourceAccessException e) {
            return new Answer(503, "The change could not be applied: the service did not answer.");
        }
    }

    private String detail(int status, byte[] body) {
        if (status < 300) {
            return "Applied.";
        }
        try {
            JsonNode problem = json.readTree(body);
            String detail = problem.path("detail").asString("HTTP " + status);
            return TextField.cut(detail, MAX_DETAIL);
        } catch (RuntimeException notJson) {
            return "HTTP " + status;
        }
    }
}
