package org.behalf.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class HealthTest extends ServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void healthIsUpAndIncludesTheDatabase() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = JsonMapper.builder().build().readTree(response.body());
        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.path("components").path("db").path("status").asString()).isEqualTo("UP");
        assertThat(health.path("components").path("db").has("details"))
                .as("details stay private on a public endpoint").isFalse();
    }

    @Test
    void infoNamesTheApplication() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/info")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        tools.jackson.databind.JsonNode info = JsonMapper.builder().build().readTree(response.body());
        assertThat(info.path("app").path("name").asString()).isEqualTo("Behalf");
        assertThat(info.has("java")).as("the JVM's version is nobody's business").isFalse();
    }
}
