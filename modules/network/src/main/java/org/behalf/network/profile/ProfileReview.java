package org.behalf.network.profile;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import org.behalf.audit.api.ActivityEvent;
import org.behalf.delegation.api.ChangePreview;
import org.behalf.delegation.api.ChangeUndo;
import org.behalf.delegation.api.PlainWords;
import org.behalf.kernel.InvalidRequest;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Profile edits field by field, for review and undo (issue 18): what a held {@code PATCH
 * /api/v1/profile} would set, next to the values now; and putting back a recorded change when
 * the fields still hold what it left.
 */
@Component
class ProfileReview implements ChangePreview, ChangeUndo {

    /** The writable fields in the order people see them, with their names in plain words. */
    private static final Map<String, String> LABELS = new LinkedHashMap<>();

    static {
        LABELS.put("headline", "Headline");
        LABELS.put("location", "Location");
        LABELS.put("summary", "Summary");
        LABELS.put("skills", "Skills");
        LABELS.put("positions", "Positions");
        LABELS.put("education", "Education");
        LABELS.put("privateFields", "Hidden from others");
    }

    private final ProfileRepository profiles;
    private final ProfileService service;
    private final JsonMapper json;
    private final Clock clock;

    ProfileReview(ProfileRepository profiles, ProfileService service, JsonMapper json, Clock clock) {
        this.profiles = profiles;
        this.service = service;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public boolean handles(String action) {
        return "profile.update".equals(action);
    }

    /** Only the fields the body sets (an absent or null field is left as it is: {@link ProfileChange}). */
    @Override
    public List<Field> preview(String account, String body) {
        JsonNode sent;
        try {
            sent = json.readTree(body == null ? "" : body);
        } catch (RuntimeException notJson) {
            return List.of();
        }
        if (sent == null || !sent.isObject()) {
            return List.of();
        }
        Map<String, Object> now = values(profiles.find(account).orElseGet(() -> Profile.empty(account, clock.instant())));
        List<Field> fields = new ArrayList<>();
        LABELS.forEach((field, label) -> {
            JsonNode value = sent.get(field);
            if (value != null && !value.isNull()) {
                fields.add(new Field(field, label, now.get(field), json.treeToValue(value, Object.class)));
            }
        });
        return fields;
    }

    @Override
    public List<ActivityEvent.Change> undo(String account, String action, ActivityEvent.Target target,
                                           List<ActivityEvent.Change> changes) {
        Map<String, Object> now = values(profiles.lock(account, clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        List<String> moved = new ArrayList<>();
        Map<String, Object> restore = new LinkedHashMap<>();
        List<ActivityEvent.Change> done = new ArrayList<>();
        for (ActivityEvent.Change change : changes) {
            if (!LABELS.containsKey(change.field())) {
                continue;
            }
            Object current = now.get(change.field());
            if (!same(current, change.after())) {
                moved.add(LABELS.get(change.field()));
            }
            Object back = change.before() == null ? (current instanceof String ? "" : List.of()) : change.before();
            restore.put(change.field(), back);
            done.add(new ActivityEvent.Change(change.field(), current, back));
        }
        if (!moved.isEmpty()) {
            throw InvalidRequest.conflict(PlainWords.changedAgain(moved));
        }
        if (restore.isEmpty()) {
            throw new InvalidRequest("entryId", "This entry changed nothing that can be put back.");
        }
        service.change(account, json.convertValue(restore, ProfileChange.class));
        return done;
    }

    private Map<String, Object> values(Profile profile) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("headline", profile.headline());
        values.put("location", profile.location());
        values.put("summary", profile.summary());
        values.put("skills", profile.skills().items());
        values.put("positions", json.convertValue(profile.positions().items(), List.class));
        values.put("education", json.convertValue(profile.education().items(), List.class));
        values.put("privateFields", List.copyOf(new TreeSet<>(profile.privateFields().names())));
        return values;
    }

    private boolean same(Object a, Object b) {
        return Objects.equals(json.valueToTree(a), json.valueToTree(b));
    }
}
