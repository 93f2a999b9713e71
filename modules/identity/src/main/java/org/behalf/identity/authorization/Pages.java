package org.behalf.identity.authorization;

import org.springframework.web.util.HtmlUtils;

/**
 * The frame of the sign-in and consent pages: plain HTML, no scripts, the console's own stylesheet
 * (served by the application; nothing is fetched from elsewhere).
 */
final class Pages {

    private Pages() {
    }

    static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + HtmlUtils.htmlEscape(title)
                + " · Behalf</title><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                // The browser's time zone for the console's times (the console's /assets/zone.js), set before its first page.
                + "<link rel=\"stylesheet\" href=\"/assets/behalf.css\"><script src=\"/assets/zone.js\"></script></head><body>"
                + "<header class=\"top\"><a class=\"brand\" href=\"/console\">Behalf</a></header>"
                + "<main class=\"narrow\"><section class=\"card\"><h1>" + HtmlUtils.htmlEscape(title) + "</h1>" + body
                + "</section></main></body></html>";
    }
}
