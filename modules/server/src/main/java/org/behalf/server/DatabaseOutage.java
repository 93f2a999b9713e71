package org.behalf.server;

import org.behalf.kernel.Unavailable;
import org.behalf.kernel.UnavailableAnswers;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Outermost: when the database goes away mid-request (a restart, a failover) wherever that shows,
 * in token checks, sign-in or a handler, the answer is a 503 problem and the log gets one line,
 * never a stack trace (the standard of this project for answers and logs). Kernel's
 * {@link Unavailable} tells an outage from other failures and words the answer; kernel's
 * {@link UnavailableAnswers} gives it.
 */
@Component
class DatabaseOutage extends UnavailableAnswers implements Ordered {

    DatabaseOutage(JsonMapper json) {
        // Not known to have kept nothing: anything fails here, a sign-in's own commit included.
        super(json, false);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
