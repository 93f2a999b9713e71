package org.behalf.console.pages;

import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.behalf.console.calls.Bearer;
import org.behalf.console.calls.Refusal;
import org.behalf.console.calls.ResourceApi;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * A person as pages show them: display name and handle, never a bare member id (issue 18,
 * "consistent names"). One page asks for each member once ({@code GET /api/v1/members/{id}}).
 */
@Component("consolePeople")
class People {

    /** What the page says of a person: "Rita Smith", and "@rita" beside it. */
    record Person(String id, String name, String handle) {

        /** "Rita Smith (@rita)", for a button's label or a sentence. */
        public String named() {
            return handle.isBlank() ? name : name + " (@" + handle + ")";
        }
    }

    private final ResourceApi api;

    People(ResourceApi api) {
        this.api = api;
    }

    /** A lookup for one page: each member asked for once; one the API will not show is "someone". */
    Lookup lookup(HttpServletRequest request, Bearer token) {
        return new Lookup(request, token, new HashMap<>());
    }

    final class Lookup {
        private final HttpServletRequest request;
        private final Bearer token;
        private final Map<String, Person> known;

        private Lookup(HttpServletRequest request, Bearer token, Map<String, Person> known) {
            this.request = request;
            this.token = token;
            this.known = known;
        }

        Person of(String id, String otherwise) {
            if (id == null || id.isBlank()) {
                return new Person("", otherwise, "");
            }
            return known.computeIfAbsent(id, key -> {
                try {
                    JsonNode member = api.get(request, token, "/api/v1/members/" + Ids.path(key));
                    return new Person(key, member.path("displayName").asString(otherwise), member.path("handle").asString(""));
                } catch (Refusal refused) {
                    if (refused.unauthorized()) {
                        throw refused;
                    }
                    return new Person(key, otherwise, "");
                }
            });
        }
    }
}
