package org.behalf.kernel;

/**
 * A request of more fields, its address's and its form's together, than the node reads: the
 * container's {@code maxParameterCount} ({@code server.tomcat.max-parameter-count}, 1,000 by default),
 * its guard against forms built to make parsing costly (docs/security.md rule 41). A type of its own
 * so that the filters that answer a request whose parameters cannot be read ({@link RequestParameters})
 * say this in its own words rather than "a broken %-escape".
 */
public final class TooManyFields extends IllegalStateException {

    private final int limit;

    public TooManyFields(int limit, Throwable cause) {
        super("more than " + limit + " fields", cause);
        this.limit = limit;
    }

    /** The most fields the node reads. */
    public int limit() {
        return limit;
    }
}
