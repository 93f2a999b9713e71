package org.behalf.audit.activity;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The shape of a page of the activity log, {@code {"items": [entry, ...], "next": "<before seq>" or null}},
 * for the OpenAPI document only: the handlers write the page by hand around the entries' stored
 * canonical JSON (DESIGN.md section 7), which is never parsed and written again, so this record
 * is never built, only described.
 */
@Schema(description = "A page of the activity log, newest first.")
record ActivityPage(
        @Schema(description = "Entries exactly as stored, with the fields of docs/activity-log.md.") List<Map<String, Object>> items,
        @Schema(description = "The cursor of the next (older) page, or null on the last page.") @Nullable String next) {
}
