package org.behalf.delegation.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The rules of an endpoint that depend on nothing stored, applied by the module that owns it to a
 * delegate's change before it is held for review (docs/api.md): a body the endpoint refuses whatever
 * the account holds ({} or a contact without a name) is refused now, in the endpoint's words, instead
 * of waiting in the holder's list to fail once approved (black-box finding, 2026-12-07). Rules that
 * read stored data stay the endpoint's, applied on approval. A JSON body's rules extend
 * {@link HeldBodyRules}; a body of another type (a contacts import's file) implements this itself.
 */
public interface HeldChangeRules {

    /** Whether requests of this activity action are ones this checks. */
    boolean handles(String action);

    /**
     * Checks the change as sent (a JSON body already read as the endpoint's body type reads it).
     *
     * @throws org.behalf.kernel.InvalidRequest the endpoint's own refusal
     */
    void check(Change change);

    /**
     * A delegate's change as it would be held: the account it is for, its action, its method, the endpoint that takes
     * it (its mapping's pattern, such as {@code /api/v1/conversations/{id}/messages}), its address as sent (with the
     * query), its {@code Content-Type} and its body as UTF-8 text. The endpoint tells apart two of one action (a first
     * message, which names whom it goes to, and a reply) however the address was spelt; the query and type tell how a
     * file is read.
     */
    record Change(String account, String action, String method, String endpoint, String path, String contentType, String body) {

        /**
         * The query parameter's first value, decoded as the servlet container decodes it for {@code @RequestParam}
         * ({@code +} a space), or null when absent; a part the container could not decode counts as absent, as there.
         */
        public String parameter(String name) {
            int query = path.indexOf('?');
            if (query < 0) {
                return null;
            }
            for (String pair : path.substring(query + 1).split("&")) {
                int equals = pair.indexOf('=');
                try {
                    if (URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8).equals(name)) {
                        return equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                    }
                } catch (IllegalArgumentException undecodable) {
                    // skipped, as the container skips it
                }
            }
            return null;
        }
    }
}
