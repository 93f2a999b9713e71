package org.behalf.console.pages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.behalf.console.calls.ResourceApi;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** The scope catalog as the API publishes it (DESIGN.md section 4), to say scopes in plain words. */
@Component("consoleScopeCatalog")
class Catalog {

    /**
     * One scope: its name, plain words, whether a person may be given it, whether it changes anything
     * (only those can be marked for review), and why not.
     */
    record ScopeInfo(String name, String description, boolean delegable, boolean sensitive, boolean writes, String whyNot) {
    }

    private final ResourceApi api;

    Catalog(ResourceApi api) {
        this.api = api;
    }

    List<ScopeInfo> scopes(HttpServletRequest request) {
        List<ScopeInfo> scopes = new ArrayList<>();
        for (JsonNode scope : api.anonymous(request, "GET", "/api/v1/scopes", null).path("items")) {
            scopes.add(new ScopeInfo(scope.path("name").asString(), scope.path("description").asString(),
                    scope.path("delegable").asBoolean(), scope.path("sensitive").asBoolean(), scope.path("writes").asBoolean(true),
                    scope.path("whyNotDelegable").asString(null)));
        }
        return scopes;
    }

    /** The scopes that change something: the only ones review can be asked for. */
    java.util.Set<String> writing(HttpServletRequest request) {
        java.util.Set<String> writing = new java.util.HashSet<>();
        scopes(request).stream().filter(ScopeInfo::writes).forEach(scope -> writing.add(scope.name()));
        return writing;
    }

    Map<String, String> words(HttpServletRequest request) {
        Map<String, String> words = new LinkedHashMap<>();
        scopes(request).forEach(scope -> words.put(scope.name(), scope.description()));
        return words;
    }
}
