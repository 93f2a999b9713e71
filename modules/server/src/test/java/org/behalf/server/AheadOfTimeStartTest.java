package org.behalf.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.behalf.testing.Http;
import org.behalf.testing.RawHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server started the way scripts/run starts it: from the build's ahead-of-time bean plan
 * ({@code -Dspring.aot.enabled=true}, made by the server module's {@code process-aot} before the
 * tests), on the embedded database, with demo data. Every other test starts the ordinary way, so
 * this one walks what a person's first minutes touch, to find a bean the plan left out or made
 * differently: the sign-in form, the console, the demo app's token checked with Nimbus against the
 * published keys, and the MCP server's metadata (a bean built in the background). Last, it stops the
 * server the way Ctrl-C does, with a sign-in under way.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AheadOfTimeStartTest {

    private static final Duration READY_WITHIN = Duration.ofMinutes(3);

    @TempDir
    static Path data;
    private static Process server;
    private static Path log;
    private static int port;
    private static String base;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    @BeforeAll
    static void start() throws Exception {
        port = ServerJvm.freePorts(1).get(0);
        base = "http://127.0.0.1:" + port;
        log = data.resolve("server.log");
        // The main class path only: the plan is the main code's, and test resources must not take part.
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes")).collect(Collectors.joining(File.pathSeparator));
        List<String> command = ServerJvm.command(classPath, "-Dspring.aot.enabled=true");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        Map<String, String> env = builder.environment();
        env.remove("BEHALF_DB_URL");
        env.remove("BEHALF_MANAGEMENT_PORT");
        env.put("BEHALF_DATA_DIR", data.toString());
        env.put("SERVER_PORT", String.valueOf(port));
        env.put("BEHALF_DEMO_DATA", "true");
        server = builder.start();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (!Files.readString(log).contains("Demo OAuth client of ivan")) {
            if (!server.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the ahead-of-time start did not get ready:\n" + ServerJvm.tail(log));
            }
            Thread.sleep(250);
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (server != null) {
            server.destroy();
            server.waitFor();
        }
    }

    @Test
    void startsFromThePlanAndIsReady() throws Exception {
        assertThat(Files.readString(log)).contains("Starting AOT-processed BehalfApplication");
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    }

    @Test
    void aDemoPersonSignsInThroughTheFormAndSeesTheirConsole() throws Exception {
        HttpResponse<String> page = get("/login");
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).as("the sign-in form carries its CSRF token").isTrue();

        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Http.encode(Map.of("username", "hana", "password", "demo-password-hana",
                        "_csrf", csrf.group(1))))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");

        // The console signs in through its own OAuth client: six redirects, more than HttpClient follows.
        HttpResponse<String> console = get("/console");
        for (int hop = 0; hop < 10 && console.statusCode() == 302; hop++) {
            console = http.send(HttpRequest.newBuilder(console.uri().resolve(console.headers().firstValue("Location").orElseThrow()))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }
        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(console.uri().getPath()).isEqualTo("/console");
        assertThat(console.body()).contains("Welcome, <span>Hana Holder</span>");
        HttpResponse<String> helpers = get("/console/helpers");
        assertThat(helpers.statusCode()).isEqualTo(200);
        assertThat(helpers.body()).contains("Amir Assistant");
    }

    @Test
    void theDemoAppGetsATokenThatVerifiesAgainstThePublishedKeys() throws Exception {
        Matcher client = Pattern.compile("client_id (\\S+), client_secret (\\S+)").matcher(Files.readString(log));
        assertThat(client.find()).isTrue();
        String basic = Base64.getEncoder().encodeToString((client.group(1) + ":" + client.group(2)).getBytes(StandardCharsets.UTF_8));
        Http.Response token = new Http(base).form("/oauth2/token", Map.of("grant_type", "client_credentials", "scope", "profile:read"),
                basic);
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        String accessToken = token.json().path("access_token").asString();
        assertThat(accessToken).isNotBlank();

        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt"), JOSEObjectType.JWT, null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256,
                new ImmutableJWKSet<>(JWKSet.parse(get("/oauth2/jwks").body()))));
        JWTClaimsSet claims = processor.process(accessToken, null);
        assertThat(claims.getStringClaim("client_id")).isEqualTo(client.group(1));
        assertThat(claims.getIssuer()).isEqualTo(base);
    }

    @Test
    void theMcpServerIsThereAndAsksForAToken() throws Exception {
        HttpResponse<String> metadata = get("/.well-known/oauth-protected-resource/mcp");
        assertThat(metadata.statusCode()).isEqualTo(200);
        assertThat(metadata.body()).contains(base + "/mcp");
        HttpResponse<String> call = http.send(HttpRequest.newBuilder(URI.create(base + "/mcp"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(call.statusCode()).isEqualTo(401);
        assertThat(call.headers().firstValue("WWW-Authenticate").orElse("")).contains("resource_metadata=");
    }

    /**
     * Stopping the server (SIGTERM: Ctrl-C on scripts/run, or a service manager) lets a request it has
     * already taken finish, as server.shutdown=graceful promises: here a sign-in whose form is still
     * arriving. The embedded database used to be closed by its own exit hook at once, beside the graceful
     * shutdown, and that sign-in was answered 503.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void aSignInUnderWayWhenTheServerIsStoppedStillSignsIn() throws Exception {
        HttpResponse<String> page = get("/login");
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).isTrue();
        String session = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        byte[] form = Http.encode(Map.of("username", "hana", "password", "demo-password-hana", "_csrf", csrf.group(1)))
                .getBytes(StandardCharsets.UTF_8);

        try (RawHttp signIn = RawHttp.open(port, "POST", "/login", ("Content-Type: application/x-www-form-urlencoded\r\nCookie: "
                + session + "\r\n").getBytes(StandardCharsets.ISO_8859_1), form.length)) {
            signIn.write(Arrays.copyOf(form, 8));
            // Time for the server to take the request and start reading its form; nothing shows that it has.
            Thread.sleep(500);
            server.destroy();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!Files.readString(log).contains("Commencing graceful shutdown") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(Files.readString(log)).contains("Commencing graceful shutdown");
            signIn.write(Arrays.copyOfRange(form, 8, form.length));
            RawHttp.Response answer = signIn.response();
            assertThat(answer.status()).as(answer.toString()).isEqualTo(302);
            assertThat(answer.header("location")).doesNotContain("error");
        }
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("the server stopped").isTrue();
        assertThat(Files.readString(log)).doesNotContain("Database is already closed");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
