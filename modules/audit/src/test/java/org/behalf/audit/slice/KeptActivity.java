package org.behalf.audit.slice;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.behalf.audit.api.ActivityEntry;
import org.behalf.audit.api.ActivityEvent;
import org.behalf.audit.api.ActivityRecorder;
import org.behalf.kernel.OpaqueIds;

/**
 * The stand-in for the activity log in another module's test slice (the delegation's, the
 * events'): it keeps what each account's log would get, for the test to read back, and numbers the
 * entries without chaining them. A slice imports it as a bean.
 */
public class KeptActivity implements ActivityRecorder {

    private final List<ActivityEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public ActivityEntry record(ActivityEvent event) {
        events.add(event);
        return new ActivityEntry(OpaqueIds.next("act"), events.size(), Instant.now(), event.account(), event.actor(),
                event.grantId(), event.clientId(), event.action(), event.target(), event.outcome(), event.reason(),
                event.changes(), null, null, null, null, null);
    }

    /** What was recorded in this account's log, oldest first. */
    public List<ActivityEvent> of(String account) {
        return events.stream().filter(e -> e.account().equals(account)).toList();
    }
}
