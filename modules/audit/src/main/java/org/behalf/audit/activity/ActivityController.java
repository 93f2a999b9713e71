package org.behalf.audit.activity;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;

import org.behalf.audit.api.ActivityEvent;
import org.behalf.audit.api.ActivityLog;
import org.behalf.audit.api.ActivityRecorder;
import org.behalf.audit.api.GrantOffers;
import org.behalf.audit.api.RequestInfos;
import org.behalf.kernel.Caller;
import org.behalf.kernel.Cursors;
import org.behalf.kernel.InvalidRequest;
import org.behalf.kernel.RequestState;
import org.behalf.kernel.ResourceAccess;
import org.behalf.kernel.WholeNumbers;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The holder's activity log (DESIGN.md sections 6 and 7): {@code activity:read}, which is never
 * delegable: a helper must not read or shape the record of what helpers did. The verifier keys are
 * public, so that anyone holding an export can check it. Undoing an entry's change is the
 * delegation module's ({@code ActivityRevertController}): it changes the data of the modules that
 * own it, which the log may not reach.
 */
@RestController
class ActivityController {

    private static final Set<String> OUTCOMES = Set.of("success", "denied", "error");
    private static final MediaType JSON_LINES = MediaType.parseMediaType("application/jsonl");

    private final ActivityLog log;
    private final ActivityRecorder recorder;
    private final GrantOffers grants;
    private final ObjectProvider<RequestState> requests;
    private final JsonMapper json;

    ActivityController(ActivityLog log, ActivityRecorder recorder, GrantOffers grants, ObjectProvider<RequestState> requests,
                       JsonMapper json) {
        this.json = json;
        this.requests = requests;
        this.log = log;
        this.recorder = recorder;
        this.grants = grants;
    }

    // An Accept that cannot take JSON is 406 (docs/api.md), as for the answers Jackson writes: this one is
    // written as text, which Spring would send whatever was asked for.
    @GetMapping(value = "/api/v1/activity", produces = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "200", description = "A page of entries.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = ActivityPage.class)))
    @ResourceAccess(scope = "activity:read", delegates = false, action = "activity.list")
    ResponseEntity<String> list(Caller holder, @RequestParam(required = false) String actor,
                                @RequestParam(required = false) String action, @RequestParam(required = false) String outcome,
                                @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        String kept = filter("outcome", outcome);
        if (kept != null && !OUTCOMES.contains(kept)) {
            throw new InvalidRequest("outcome", "One of success, denied, error.");
        }
        Instant start = time("from", from);
        Instant end = time("to", to);
        // A period that ends before it starts is bad input, as the export's reversed range is (docs/api.md): it was
        // answered with an empty page, which reads as "nothing happened then" (black-box finding, 2026-12-07).
        if (start != null && end != null && end.isBefore(start)) {
            throw new InvalidRequest("to", "The end of the period comes before its start.");
        }
        return page(log.list(holder.subject(), new ActivityLog.Filter(filter("actor", actor), filter("action", action), kept,
                start, end), cursor(cursor), size(limit)));
    }

    /**
     * A helper's own record of their work for a client (issue 18, "helpers kept in the loop"): the
     * entries of the holder's log whose actor is the caller, and no one else's. The member's own
     * session only ({@code OWNER}): neither a delegate nor an app reads another account's log
     * through it (DESIGN.md section 2 rule 2, activity:read is never delegated). A holder who never
     * offered the caller a grant looks absent, like any other account (docs/security.md rule 20:
     * a 404, recorded in the caller's own log).
     */
    @GetMapping(value = "/api/v1/activity/as-delegate", produces = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "200", description = "A page of the caller's entries in the holder's log.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = ActivityPage.class)))
    @ApiResponse(responseCode = "404", description = "No such holder, or one who never offered the caller a grant (answered alike).")
    @ResourceAccess(scope = ResourceAccess.OWNER, delegates = false, action = "activity.as_delegate")
    ResponseEntity<String> asDelegate(Caller helper, @RequestParam String holder, @RequestParam(required = false) String cursor,
                                      @RequestParam(required = false) Integer limit) {
        if (!grants.everOffered(holder, helper.subject())) {
            throw InvalidRequest.notFound();
        }
        ActivityLog.Page mine = log.list(holder, new ActivityLog.Filter(helper.subject(), null, null, null, null), cursor(cursor),
                size(limit));
        return page(new ActivityLog.Page(mine.entries().stream().map(this::withoutValuesBefore).toList(), mine.nextBeforeSeq()));
    }

    /**
     * A helper's entry without the value each change replaced: that value is the holder's data, which the helper may
     * not read (DESIGN.md section 4, reading and changing are separate scopes; docs/security.md rule 5). A helper with
     * {@code contacts:write} alone read a contact's old notes as the "before" of their edit, and one with
     * {@code profile:write} alone the private fields as the "before" of a held change (black-box finding, 2026-12-07).
     * The entry is otherwise as stored; the holder's own list and export keep every value.
     *
     * <p>Nor does it carry a hash of those values. The hash rule is public and keyed by nothing (docs/activity-log.md),
     * so an entry's {@code hash}, and the next entry's {@code prevHash}, which is that same hash, let the helper test
     * guesses of a value left out until one matched: a title, a company, a phone number overwritten with
     * {@code contacts:write} alone (black-box finding, 2026-12-07). So an entry with changes answers {@code hash} null,
     * and every entry {@code prevHash} null: the helper's entries are not a chain they could verify anyway.
     */
    private String withoutValuesBefore(String entry) {
        JsonNode read = json.readTree(entry);
        if (read instanceof ObjectNode fields) {
            if (!read.path("changes").isEmpty()) {
                fields.putNull("hash");
            }
            fields.putNull("prevHash");
        }
        read.path("changes").forEach(change -> {
            if (change instanceof ObjectNode values) {
                values.remove("before");
            }
        });
        return json.writeValueAsString(read);
    }

    private static int size(Integer limit) {
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > 200) {
            throw new InvalidRequest("limit", "A page holds 1 to 200 entries.");
        }
        return size;
    }

    private static ResponseEntity<String> page(ActivityLog.Page page) {
        StringBuilder body = new StringBuilder("{\"items\":[");
        body.append(String.join(",", page.entries()));
        body.append("],\"next\":").append(page.nextBeforeSeq() == null ? "null" : "\"" + page.nextBeforeSeq() + "\"").append('}');
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body.toString());
    }

    /** JSON Lines, ascending sequence numbers; an export is itself a recorded security-relevant action. */
    // An Accept that cannot take JSON Lines is 406 (docs/api.md), as for every other answer; it was ignored.
    @GetMapping(value = "/api/v1/activity/export", produces = "application/jsonl")
    @ApiResponse(responseCode = "200", description = "JSON Lines (docs/activity-log.md): one entry a line, ascending seq, exactly as stored.",
            content = @Content(mediaType = "application/jsonl", schema = @Schema(type = "string")))
    @ResourceAccess(scope = "activity:read", delegates = false, action = "activity.export")
    void export(Caller caller, @RequestParam(required = false) Long from, @RequestParam(required = false) Long to,
                HttpServletResponse response) throws IOException {
        long first = from == null ? 1 : from;
        if (first < 1) {
            throw new InvalidRequest("from", "A range of sequence numbers from 1 upwards.");
        }
        // Said as the list says a reversed period: "from 1 upwards" answered a range whose end came before its start,
        // which was not what was wrong (black-box finding, 2026-12-07).
        if (to != null && to < first) {
            throw new InvalidRequest("to", "The end of the range comes before its start.");
        }
        ActivityEvent.Change range = new ActivityEvent.Change("range", null, first + ".." + (to == null ? "" : to));
        // The holder's own exports are security-relevant and recorded here (DESIGN.md section 2 rule 6).
        // An app's export is recorded by enforcement, as every request of an app is: recording it here
        // too would make two entries, one of them blaming the holder for what the app did.
        if (caller.kind() == Caller.Kind.HOLDER) {
            recorder.record(new ActivityEvent(caller.subject(), new ActivityEvent.Actor(ActivityEvent.Actor.Kind.HOLDER, caller.subject()),
                    null, caller.clientId(), "activity.export", null, ActivityEvent.Outcome.SUCCESS, null, List.of(range),
                    RequestInfos.of(RequestState.of(requests))));
        } else {
            RequestState.of(requests).notes().change(range.field(), range.before(), range.after());
        }
        response.setContentType(JSON_LINES.toString());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Content-Disposition", "attachment; filename=\"activity.jsonl\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        log.export(caller.subject(), first, to, out);
        out.flush();
    }

    /**
     * The server's own check of the log as stored, which the console's badge words for the holder: the chain against
     * the newest checkpoint, and the columns the list's filters search against each entry, so that an entry filed in
     * the database under another actor, action, outcome or time reads as tampering (black-box finding ACTIVITY 3,
     * 2026-12-07; docs/activity-log.md, "Verifying"). The export and the offline verifier remain the check that
     * needs no trust in the server.
     */
    @GetMapping(value = "/api/v1/activity/verification", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResourceAccess(scope = "activity:read", delegates = false, action = "activity.verify")
    ActivityLog.Verification verification(Caller holder) {
        return log.verify(holder.subject());
    }

    @GetMapping(value = "/api/v1/activity/checkpoints/latest", produces = MediaType.TEXT_PLAIN_VALUE)
    @ResourceAccess(scope = "activity:read", delegates = false, action = "activity.checkpoint")
    ResponseEntity<String> latest(Caller holder) {
        return log.latestCheckpoint(holder.subject()).map(ResponseEntity::ok).orElseThrow(InvalidRequest::notFound);
    }

    @GetMapping(value = "/api/v1/activity/checkpoints/{size}", produces = MediaType.TEXT_PLAIN_VALUE)
    @ResourceAccess(scope = "activity:read", delegates = false, action = "activity.checkpoint")
    ResponseEntity<String> bySize(Caller holder, @PathVariable long size) {
        return log.checkpoint(holder.subject(), size).map(ResponseEntity::ok).orElseThrow(InvalidRequest::notFound);
    }

    @PostMapping(value = "/api/v1/activity/checkpoints", produces = MediaType.TEXT_PLAIN_VALUE)
    @ResourceAccess(scope = "activity:read", delegates = false, action = "activity.checkpoint")
    ResponseEntity<String> now(Caller holder) {
        return log.checkpointNow(holder.subject()).map(ResponseEntity::ok).orElseThrow(InvalidRequest::notFound);
    }

    @GetMapping(value = "/api/v1/activity/keys", produces = MediaType.TEXT_PLAIN_VALUE)
    @ResourceAccess(scope = ResourceAccess.PUBLIC, delegates = true, action = "activity.keys")
    String keys() {
        return String.join("\n", log.publicKeys()) + "\n";
    }

    /**
     * A filter's value; empty (a form's blank field) is no filter. Only spaces, or a control character,
     * is refused: it was taken as no filter, so a filter typed wrong listed everything (black-box
     * testing, 2026-12-07), and no actor, action or time is written so.
     */
    private static String filter(String field, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequest(field, "Control characters are not allowed.");
        }
        if (value.isBlank()) {
            throw new InvalidRequest(field, "Only spaces: leave it empty for no filter, or give a value.");
        }
        return value;
    }

    private static Instant time(String field, String given) {
        String value = filter(field, given);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidRequest(field, "A date and time in UTC, such as 2026-11-22T10:00:00Z.");
        }
    }

    /**
     * The sequence number a previous page's {@code next} gave, plain digits from 1 up: -1, 0, +5 and
     * fullwidth digits were taken as one (black-box testing, 2026-12-07), and so was 05, which no page gives
     * (docs/activity-log.md: the cursor is {@code next} exactly as given).
     */
    private static Long cursor(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            long seq = WholeNumbers.parse(cursor);
            if (seq < 1 || !Long.toString(seq).equals(cursor)) {
                throw Cursors.refused();
            }
            return seq;
        } catch (IllegalArgumentException e) {
            throw Cursors.refused();
        }
    }
}
