package org.behalf.events.webhooks;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.behalf.audit.api.ActivityEvent;
import org.behalf.audit.api.RequestInfos;
import org.behalf.kernel.Caller;
import org.behalf.kernel.InvalidRequest;
import org.behalf.kernel.RequestState;

/**
 * What webhooks and streams share when their owners change them: the check of
 * requested event types against what is offered, and the owner's activity entry with its changes.
 */
final class SubscriptionChanges {

    private SubscriptionChanges() {
    }

    /** The requested types, each once, or a 400 problem naming the unknown ones and what is offered. */
    static List<String> eventTypes(String field, List<String> requested, List<String> offered) {
        if (requested == null || requested.isEmpty()) {
            throw new InvalidRequest(field, "Name at least one event type.");
        }
        Set<String> unknown = new TreeSet<>();
        Set<String> types = new LinkedHashSet<>();
        for (String type : requested) {
            if (offered.contains(type)) {
                types.add(type);
            } else {
                unknown.add(String.valueOf(type));
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidRequest(field, "Unknown event type: " + String.join(", ", unknown) + ". The types are "
                    + String.join(", ", offered) + ".");
        }
        return List.copyOf(types);
    }

    /**
     * A stream's requested types, each once. SSF 1.0 section 8.1.1 makes what a stream delivers the
     * intersection of what the transmitter supports and what the receiver requests, so a type not
     * offered is kept as requested and not delivered, rather than refusing the stream: black-box
     * testing on 2026-12-07 found a receiver asking for the common CAEP set unable to make one. Refused:
     * none requested, none of them offered (such a stream would carry nothing), a type that is not one
     * word, and more than {@link #REQUESTED_LENGTH} characters of them together (what their column holds).
     */
    static List<String> requestedTypes(String field, List<String> requested, List<String> offered) {
        if (requested == null || requested.isEmpty()) {
            throw new InvalidRequest(field, "Name at least one event type.");
        }
        Set<String> types = new LinkedHashSet<>();
        for (String type : requested) {
            if (type == null || type.isEmpty() || !type.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
                throw new InvalidRequest(field, "An event type is its URI, without spaces or control characters.");
            }
            types.add(type);
        }
        if (String.join(" ", types).length() > REQUESTED_LENGTH) {
            throw new InvalidRequest(field, "The requested event types are at most " + REQUESTED_LENGTH + " characters together.");
        }
        if (types.stream().noneMatch(offered::contains)) {
            throw new InvalidRequest(field, "None of these event types is offered, so the stream would carry nothing. The types are "
                    + String.join(", ", offered) + ".");
        }
        return List.copyOf(types);
    }

    /** A stream's requested types are stored together, separated by spaces, in a column of this many characters. */
    static final int REQUESTED_LENGTH = 1000;

    static void note(List<ActivityEvent.Change> changes, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changes.add(new ActivityEvent.Change(field, before, after));
        }
    }

    /** The owner's entry for a change they made to one of their subscriptions, with the request that made it. */
    static ActivityEvent byOwner(Caller owner, String action, String targetType, String targetId, List<ActivityEvent.Change> changes,
                                 RequestState request) {
        return entry(owner.subject(), new ActivityEvent.Actor(ActivityEvent.Actor.Kind.HOLDER, owner.subject()), owner.clientId(), action,
                targetType, targetId, changes, request);
    }

    /**
     * The owner's entry for a change made to one of their subscriptions by {@code actor} (they, or
     * their client itself), with where the request came from, its user agent and its id, as the
     * enforcement's entries carry them: black-box testing on 2026-12-06 found {@code ssf.stream.status}
     * and {@code ssf.stream.verify} recorded without them while the refused attempts had them
     * (docs/security.md rule 42, docs/activity-log.md).
     */
    static ActivityEvent entry(String ownerId, ActivityEvent.Actor actor, String clientId, String action, String targetType, String targetId,
                               List<ActivityEvent.Change> changes, RequestState request) {
        return new ActivityEvent(ownerId, actor, null, clientId, action, new ActivityEvent.Target(targetType, targetId),
                ActivityEvent.Outcome.SUCCESS, null, changes, RequestInfos.of(request));
    }
}
