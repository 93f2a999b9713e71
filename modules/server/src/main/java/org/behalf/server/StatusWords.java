package org.behalf.server;

import java.util.Map;

/**
 * What an error status means, in plain words, for the answers no handler wrote: the container's
 * ({@link ContainerErrors}) and Spring Boot's error page ({@link ProblemErrors}).
 */
final class StatusWords {

    private static final Map<Integer, String> WORDS = Map.ofEntries(
            Map.entry(400, "The request could not be read: its address, headers or length are malformed."),
            Map.entry(401, "This needs a sign-in or an access token."),
            Map.entry(403, "This is not allowed."),
            Map.entry(404, "There is nothing at this address."),
            Map.entry(405, "This address does not take this method."),
            Map.entry(413, "The request is too large."),
            Map.entry(414, "The address is too long."),
            Map.entry(431, "The request's headers are too large."),
            Map.entry(501, "This method is not supported."),
            Map.entry(505, "This HTTP version is not supported."));

    private StatusWords() {
    }

    static String of(int status) {
        return WORDS.getOrDefault(status, status >= 500 ? "Something went wrong on our side." : "The request was refused.");
    }
}
