package org.behalf.identity.authorization;

import org.springframework.web.util.HtmlUtils;

/** The frame of the sign-in and consent pages: plain HTML, no scripts, nothing fetched from elsewhere. */
final class Pages {

    private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1d2733}"
            + "h1{font-size:1.4rem}ul.scopes{list-style:none;padding:0}ul.scopes li{margin:.4rem 0}code{color:#667}"
            + "label{display:block;margin:.5rem 0}input[type=text],input[type=password]{width:100%;padding:.5rem;font-size:1rem}"
            + "button{padding:.5rem 1.2rem;font-size:1rem;margin:.5rem .5rem 0 0;background:#1f5fbf;color:#fff;border:0;border-radius:4px}"
            + "button.secondary{background:#ccd3dc;color:#1d2733}.error{color:#a01515}";

    private Pages() {
    }

    static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + HtmlUtils.htmlEscape(title)
                + " · Behalf</title><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><style>" + STYLE
                + "</style></head><body><h1>" + HtmlUtils.htmlEscape(title) + "</h1>" + body + "</body></html>";
    }
}
