package org.behalf.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.behalf.server.ServerTest;
import org.behalf.testing.Members;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * Behalf's icon in the browser's tab (black-box finding): every browser asks for /favicon.ico, which
 * answered 404, an error in the console of every page. The address answers an icon to anyone,
 * signed in or not, and the pages (the console's and the sign-in page) link it and an SVG of the
 * same drawing, both of which load as pictures.
 */
class ConsoleIconTest extends ServerTest {

    @Test
    void everyPageHasAnIconThatLoadsAndFaviconIcoAnswersOne() throws Exception {
        HttpResponse<byte[]> icon = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/favicon.ico")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("image/"));
        assertThat(icon.body()).startsWith(0, 0, 1, 0);

        Members.Member member = Members.create(baseUrl(), "icon");
        try (Browser browser = new Browser("http://127.0.0.1:" + port)) {
            browser.open("/console");
            assertThat(browser.path()).isEqualTo("/login");
            assertIconsLoad(browser);
            browser.type("input[name=username]", member.handle()).type("input[name=password]", member.password()).press("Sign in");
            for (String page : List.of("/console", "/console/activity")) {
                browser.open(page);
                assertIconsLoad(browser);
            }
            assertThat(browser.image("/favicon.ico")).isEqualTo("48x48");
        }
    }

    private static void assertIconsLoad(Browser browser) {
        List<String> icons = browser.all("link[rel=icon]").stream().map(link -> link.getDomProperty("href")).toList();
        assertThat(icons).as(browser.path()).hasSize(2).allSatisfy(href -> assertThat(browser.image(href)).as(href).matches("\\d+x\\d+"));
    }
}
