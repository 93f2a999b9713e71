package org.behalf.delegation.activity;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.behalf.audit.api.ActivityEntry;
import org.behalf.audit.api.ActivityEvent;
import org.behalf.audit.api.ActivityLog;
import org.behalf.audit.api.ActivityRecorder;
import org.behalf.audit.api.RequestInfos;
import org.behalf.delegation.api.ChangeUndo;
import org.behalf.kernel.Caller;
import org.behalf.kernel.InvalidRequest;
import org.behalf.kernel.RequestState;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Undoing a helper's or an app's change from the holder's activity log (issue 18, "undo"): the
 * module that owns the data puts back the recorded "before" values if the fields still hold the
 * recorded "after" values ({@link ChangeUndo}); the undo is itself an entry whose target is the
 * entry it undoes. An entry is undone at most once (the primary key of {@code delegation_revert}).
 */
@Service
class ActivityRevert {

    private static final String APPLIES_APPROVAL = "Applies approval ";

    private final ActivityLog log;
    private final ActivityRecorder recorder;
    private final List<ChangeUndo> undos;
    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final ObjectProvider<RequestState> requests;

    ActivityRevert(ActivityLog log, ActivityRecorder recorder, List<ChangeUndo> undos, JdbcTemplate jdbc, JsonMapper json,
                   Clock clock, ObjectProvider<RequestState> requests) {
        this.requests = requests;
        this.log = log;
        this.recorder = recorder;
        this.undos = undos;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    Map<String, Object> revert(Caller holder, String entryId) {
        // Another account's entry is not found, exactly like a missing one (SECURITY-CASES 20).
        JsonNode entry = json.readTree(log.entry(holder.subject(), entryId).orElseThrow(InvalidRequest::notFound));
        // Named once it is known to be the holder's own: a refused undo is recorded too, naming the entry it tried.
        RequestState.of(requests).notes().target("activity", entryId);
        String action = entry.path("action").asString();
        String kind = entry.path("actor").path("kind").asString();
        boolean approved = "holder".equals(kind) && entry.path("reason").asString("").startsWith(APPLIES_APPROVAL);
        if (!"success".equals(entry.path("outcome").asString())) {
            throw new InvalidRequest("entryId", "This entry records something that was refused or failed: nothing was "
                    + "changed, so there is nothing to undo.");
        }
        if (!"delegate".equals(kind) && !"app".equals(kind) && !approved) {
            throw new InvalidRequest("entryId", "Only a change made by a helper or an app (or one you approved) can be undone here.");
        }
        ChangeUndo undo = undos.stream().filter(u -> u.handles(action)).findFirst().orElseThrow(() -> new InvalidRequest(
                "entryId", "This entry is not a change that can be undone: only changes to the profile, contacts and invitations can."));
        try {
            jdbc.update("INSERT INTO delegation_revert (account_id, entry_id, reverted_at) VALUES (?, ?, ?)",
                    holder.subject(), entryId, Timestamp.from(clock.instant()));
        } catch (DuplicateKeyException again) {
            throw InvalidRequest.conflict("This change was already undone.");
        }
        ActivityEvent.Target target = entry.path("target").isObject()
                ? new ActivityEvent.Target(entry.path("target").path("type").asString(), entry.path("target").path("id").asString())
                : null;
        List<ActivityEvent.Change> recorded = new ArrayList<>();
        entry.path("changes").forEach(c -> recorded.add(new ActivityEvent.Change(c.path("field").asString(),
                json.treeToValue(c.path("before"), Object.class), json.treeToValue(c.path("after"), Object.class))));
        List<ActivityEvent.Change> done = undo.undo(holder.subject(), action, target, recorded);
        String grantId = entry.path("grantId").isNull() ? null : entry.path("grantId").asString();
        ActivityEntry undone = recorder.record(new ActivityEvent(holder.subject(),
                new ActivityEvent.Actor(ActivityEvent.Actor.Kind.HOLDER, holder.subject()), grantId, holder.clientId(),
                "activity.revert", new ActivityEvent.Target("activity", entryId), ActivityEvent.Outcome.SUCCESS, null, done,
                RequestInfos.of(RequestState.of(requests))));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("reverts", entryId);
        answer.put("entry", undone.id());
        answer.put("changes", done);
        return answer;
    }
}
