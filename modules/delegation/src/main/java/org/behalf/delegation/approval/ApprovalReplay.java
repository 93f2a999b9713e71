package org.behalf.delegation.approval;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;

import org.behalf.delegation.enforcement.NotReRunnable;
import org.behalf.delegation.enforcement.RequestInfos;
import org.behalf.identity.api.ConsoleClient;
import org.springframework.stereotype.Component;
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

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final JsonMapper json;

    ApprovalReplay(JsonMapper json) {
        this.json = json;
    }

    Answer apply(HttpServletRequest approving, Approval approval) {
        // The change commits in its own request: approving must not be re-run after a conflict.
        NotReRunnable.mark(approving);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + approving.getLocalPort() + approval.path()))
                .timeout(Duration.ofSeconds(30))
                .method(approval.method(), approval.body() == null || approval.body().isEmpty()
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(approval.body()))
                .header("Authorization", approving.getHeader("Authorization"))
                .header("Accept", "application/json")
                .header(HEADER, approval.id());
        if (approval.contentType() != null) {
            request.header("Content-Type", approval.contentType());
        }
        // The approving person's address, believed by the API only from the console (see RequestInfos).
        request.header(ConsoleClient.BROWSER_ADDRESS_HEADER, RequestInfos.of(approving).ip());
        try {
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(answer.statusCode(), detail(answer));
        } catch (IOException e) {
            return new Answer(503, "The change could not be applied: the service did not answer.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(503, "The change could not be applied: interrupted.");
        }
    }

    private String detail(HttpResponse<String> answer) {
        if (answer.statusCode() < 300) {
            return "Applied.";
        }
        try {
            JsonNode problem = json.readTree(answer.body());
            String detail = problem.path("detail").asString("HTTP " + answer.statusCode());
            return detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail;
        } catch (RuntimeException notJson) {
            return "HTTP " + answer.statusCode();
        }
    }
}
