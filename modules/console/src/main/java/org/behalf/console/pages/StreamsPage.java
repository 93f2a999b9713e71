package org.behalf.console.pages;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.behalf.console.calls.ResourceApi;
import org.behalf.console.session.Bearers;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The integrator's Shared Signals streams on the Apps page ({@code /api/v1/ssf/…}, DESIGN.md
 * section 6): their status and address, a stream's delivery log, pause, enable, and delete after
 * a confirmation. Streams are made by the receiver through the SSF API (docs/integrators.md).
 */
@Controller
class StreamsPage {

    private static final List<String> STATUSES = List.of("enabled", "paused");

    private final ResourceApi api;
    private final Bearers bearers;

    StreamsPage(ResourceApi api, Bearers bearers) {
        this.api = api;
        this.bearers = bearers;
    }

    @GetMapping("/console/apps/streams/{id}")
    String deliveries(HttpServletRequest request, Model model, RedirectAttributes flash, @PathVariable String id) {
        String away = OwnAccountOnly.whileActing(request, flash);
        if (away != null) {
            return away;
        }
        model.addAttribute("stream", api.get(request, bearers.own(request), "/api/v1/ssf/stream?stream_id=" + Ids.path(id)));
        model.addAttribute("deliveries", api.get(request, bearers.own(request), "/api/v1/ssf/stream/deliveries?stream_id=" + Ids.path(id))
                .path("items"));
        return "console/stream";
    }

    /** Pause (events are kept) or enable (kept events are sent); disabling, which drops events, is left to the API. */
    @PostMapping("/console/apps/streams/{id}/status")
    String status(HttpServletRequest request, RedirectAttributes flash, @PathVariable String id, @RequestParam String status) {
        if (!STATUSES.contains(status)) {
            flash.addFlashAttribute("error", "A stream can be paused or enabled here.");
            return "redirect:/console/apps";
        }
        return Outcome.of(flash, "/console/apps", () -> {
            api.post(request, bearers.own(request), "/api/v1/ssf/status", Map.of("stream_id", Ids.path(id), "status", status,
                    "reason", "Changed in the console."));
            return "paused".equals(status) ? "Stream paused: its events are kept until you enable it."
                    : "Stream enabled: kept events are sent now.";
        });
    }

    @PostMapping("/console/apps/streams/{id}/delete")
    String delete(HttpServletRequest request, Model model, RedirectAttributes flash, @PathVariable String id,
                  @RequestParam(defaultValue = "") String confirmed) {
        if (!Confirm.confirmed(confirmed)) {
            String url = api.get(request, bearers.own(request), "/api/v1/ssf/stream?stream_id=" + Ids.path(id))
                    .path("delivery").path("endpoint_url").asString(id);
            return Confirm.page(model, "Delete the stream to " + url + "?",
                    List.of("Your receiver hears of no more revoked or narrowed grants through it.",
                            "Events not yet delivered are dropped, and its delivery log goes with it.",
                            "This cannot be undone: to hear again, your receiver makes a new stream."),
                    "/console/apps/streams/" + Ids.path(id) + "/delete", "Yes, delete the stream", "/console/apps");
        }
        return Outcome.of(flash, "/console/apps", () -> {
            api.delete(request, bearers.own(request), "/api/v1/ssf/stream?stream_id=" + Ids.path(id));
            return "Stream deleted.";
        });
    }
}
