package org.behalf.network.export;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.behalf.audit.api.ActivityEvent;
import org.behalf.audit.api.ActivityRecorder;
import org.behalf.kernel.Caller;
import org.behalf.kernel.ResourceAccess;
import org.behalf.network.connections.ConnectionRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/export}: the member's network in bulk, a section per kind. {@code data:export}
 * is never delegable (DESIGN.md section 4): a helper cannot carry the address book away.
 */
@RestController
class ExportController {

    private final ConnectionRepository connections;
    private final List<ExportSection> sections;
    private final ActivityRecorder activity;

    ExportController(ConnectionRepository connections, List<ExportSection> sections, ActivityRecorder activity) {
        this.connections = connections;
        this.sections = sections;
        this.activity = activity;
    }

    @GetMapping("/api/v1/export")
    @ResourceAccess(scope = "data:export", delegates = false, action = "data.export")
    Map<String, Object> export(Caller caller) {
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("account", caller.subject());
        export.put("connections", connections.all(caller.subject()));
        sections.forEach(section -> export.put(section.name(), section.of(caller.subject())));
        // The holder's own exports are security-relevant and recorded too (DESIGN.md section 2 rule 6);
        // an app's request is recorded by enforcement like every other.
        if (caller.kind() == Caller.Kind.HOLDER) {
            activity.record(new ActivityEvent(caller.subject(), new ActivityEvent.Actor(ActivityEvent.Actor.Kind.HOLDER, caller.subject()),
                    null, caller.clientId(), "data.export", null, ActivityEvent.Outcome.SUCCESS, null,
                    List.of(new ActivityEvent.Change("sections", null, export.keySet().stream().filter(k -> !k.equals("account")).toList())),
                    null));
        }
        return export;
    }
}
