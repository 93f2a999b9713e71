package org.behalf.console.outage;

import jakarta.servlet.http.HttpServletRequest;

import org.behalf.console.calls.Bearer;
import org.behalf.console.calls.ResourceApi;
import org.behalf.console.session.Bearers;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * A console page during which the database goes away (server's DatabaseAwayTest): it cuts the
 * database off at the moment it asks the API for what it shows, as a restart or a failover does to
 * a page in flight. Its package is the console's, so that the console's own failure handling
 * (ConsolePageAdvice) answers for it as for every real page. Only in the tests' application.
 */
@Controller
public class DatabaseGoneMidPage {

    /** Cuts the database off; set by the test that imports this page. */
    public static volatile Runnable cut = () -> {
    };

    private final ResourceApi api;
    private final Bearers bearers;

    DatabaseGoneMidPage(ResourceApi api, Bearers bearers) {
        this.api = api;
        this.bearers = bearers;
    }

    @GetMapping("/console/test-database-gone")
    String page(HttpServletRequest request) {
        Bearer own = bearers.own(request);
        cut.run();
        api.get(request, own, "/api/v1/profile");
        return "console/home";
    }
}
