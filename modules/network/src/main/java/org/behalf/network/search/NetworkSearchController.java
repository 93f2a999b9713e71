package org.behalf.network.search;

import org.behalf.kernel.Caller;
import org.behalf.kernel.ResourceAccess;
import org.behalf.network.Page;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/network/search}: {@code network:search}, never for delegates (DESIGN.md section 4). */
@RestController
class NetworkSearchController {

    private final NetworkSearch search;

    NetworkSearchController(NetworkSearch search) {
        this.search = search;
    }

    @GetMapping("/api/v1/network/search")
    @ResourceAccess(scope = "network:search", delegates = false, action = "network.search")
    Page<NetworkSearch.Hit> search(Caller caller, @RequestParam(required = false) String q,
                                   @RequestParam(required = false) String skill, @RequestParam(required = false) String location,
                                   @RequestParam(required = false) Integer degree, @RequestParam(required = false) String cursor,
                                   @RequestParam(required = false) Integer limit) {
        return search.search(caller.subject(), q, skill, location, degree, cursor, limit);
    }
}
