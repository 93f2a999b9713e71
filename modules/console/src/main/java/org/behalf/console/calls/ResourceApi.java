package org.behalf.console.calls;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.behalf.kernel.ClientAddress;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.client.web.client.RequestAttributeClientRegistrationIdResolver;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls the resource API exactly as any client does, with a bearer token: the console has no side
 * door, so its pages get the same enforcement, the same refusals and the same activity entries as
 * the API (DESIGN.md section 3, "the console bypassing the services" is never allowed). The
 * browser's address and user agent are passed on, so that the activity log shows where the person
 * was and what they used. The bearer token is put in by Spring Security's
 * {@link OAuth2ClientHttpRequestInterceptor} from the client registration the {@link Bearer} names,
 * renewed first if it is about to run out.
 */
@Component("consoleResourceApi")
public class ResourceApi {

    private final RestClient http;
    private final JsonMapper json;

    ResourceApi(ConsoleSettings settings, JsonMapper json, OAuth2AuthorizedClientManager tokens) {
        this.http = Loopback.client(settings).requestInterceptor(new OAuth2ClientHttpRequestInterceptor(tokens)).build();
        this.json = json;
    }

    /** What the API answered: a refusal is an answer to show, not an error of the call. */
    private record Answer(int status, byte[] body, String retryAfter) {
    }

    public JsonNode get(HttpServletRequest browser, Bearer token, String path) {
        return parse(send(browser, token, "GET", path, null, "application/json"));
    }

    public JsonNode post(HttpServletRequest browser, Bearer token, String path, Object body) {
        return parse(send(browser, token, "POST", path, body, "application/json"));
    }

    public JsonNode patch(HttpServletRequest browser, Bearer token, String path, Object body) {
        return parse(send(browser, token, "PATCH", path, body, "application/json"));
    }

    public void delete(HttpServletRequest browser, Bearer token, String path) {
        send(browser, token, "DELETE", path, null, "application/json");
    }

    /** A plain-text or JSON Lines answer (checkpoints, keys, exports), as text. */
    public String text(HttpServletRequest browser, Bearer token, String method, String path) {
        return new String(send(browser, token, method, path, null, "*/*"), StandardCharsets.UTF_8);
    }

    /** An unauthenticated call (sign-up, the scope catalog). */
    public JsonNode anonymous(HttpServletRequest browser, String method, String path, Object body) {
        return parse(send(browser, null, method, path, body, "application/json"));
    }

    private byte[] send(HttpServletRequest browser, Bearer token, String method, String path, Object body, String accept) {
        if (!"GET".equals(method)) {
            FormAccount.check(browser, token);
        }
        // A URI, not a template: the path is already encoded (Ids.path) and must go out byte for byte.
        RestClient.RequestBodySpec request = http.method(HttpMethod.valueOf(method)).uri(URI.create(Loopback.of(browser).baseUrl() + path))
                .header("Accept", accept)
                .header(ClientAddress.BROWSER_ADDRESS_HEADER, browser.getRemoteAddr());
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsBytes(body));
        }
        if (token != null) {
            request.attributes(RequestAttributeClientRegistrationIdResolver.clientRegistrationId(token.registrationId()));
        }
        String agent = browser.getHeader("User-Agent");
        if (agent != null && !agent.isBlank()) {
            request.header("User-Agent", agent);
        }
        Answer response;
        try {
            response = request.exchange((sent, answer) -> new Answer(answer.getStatusCode().value(), answer.getBody().readAllBytes(),
                    answer.getHeaders().getFirst("Retry-After")));
        } catch (ResourceAccessException e) {
            throw Refusal.unavailable("The service did not answer; try again.");
        }
        if (response.status() >= 400) {
            throw refusal(response.body(), response.status(), response.retryAfter());
        }
        return response.body();
    }

    /**
     * The problem document's detail (RFC 9457), after the field's name in plain words where it
     * names one: people never see the API's field names (issue 18). Where the API checked a whole
     * form and named every problem ({@code errors}, the first being {@code field} and {@code detail}),
     * the others come with it ({@link Refusal#all()}).
     */
    private Refusal refusal(byte[] body, int status, String retryAfter) {
        try {
            JsonNode problem = json.readTree(body);
            String detail = problem.path("detail").asString(problem.path("title").asString(""));
            String field = problem.path("field").asString(null);
            if (!detail.isBlank()) {
                List<Refusal> others = new ArrayList<>();
                problem.path("errors").valueStream().skip(1).forEach(error -> {
                    String words = error.path("detail").asString("");
                    if (!words.isBlank()) {
                        others.add(said(status, error.path("field").asString(null), words, retryAfter, List.of()));
                    }
                });
                return said(status, field, detail, retryAfter, others);
            }
        } catch (RuntimeException notJson) {
            // fall through to the status line
        }
        String words = status == 403 ? "Not allowed." : status == 404 ? "Not found." : "The request was refused (" + status + ").";
        return new Refusal(status, words, null, words, retryAfter);
    }

    private static Refusal said(int status, String field, String detail, String retryAfter, List<Refusal> others) {
        String label = FieldNames.plain(field);
        return new Refusal(status, label == null ? detail : label + ": " + detail, field, detail, retryAfter, others);
    }

    private JsonNode parse(byte[] body) {
        return body.length == 0 ? json.createObjectNode() : json.readTree(body);
    }
}
