package org.behalf.audit.api;

import org.behalf.audit.api.ActivityEvent.RequestInfo;
import org.behalf.kernel.ClientAddress;
import org.behalf.kernel.RequestState;

/**
 * Where a request came from, for activity entries. The address is {@link ClientAddress}'s (the
 * resolved one, or the browser's for the console's calls); the user agent is
 * cut to a bounded length, and the export's JSON encoding keeps it from forging lines
 * (SECURITY-CASES 34; {@link RequestState#userAgent}).
 */
public final class RequestInfos {

    private RequestInfos() {
    }

    /** The request's origin and id; all empty for a state outside a request. */
    public static RequestInfo of(RequestState request) {
        return new RequestInfo(request.clientAddress(), request.userAgent(), request.id());
    }
}
