package org.behalf.network.export;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.behalf.identity.api.Caller;
import org.behalf.identity.api.ResourceAccess;
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

    ExportController(ConnectionRepository connections, List<ExportSection> sections) {
        this.connections = connections;
        this.sections = sections;
    }

    @GetMapping("/api/v1/export")
    @ResourceAccess(scope = "data:export", delegates = false, action = "data.export")
    Map<String, Object> export(Caller caller) {
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("account", caller.subject());
        export.put("connections", connections.page(caller.subject(), null, null, 100_000));
        sections.forEach(section -> export.put(section.name(), section.of(caller.subject())));
        return export;
    }
}
