package org.behalf.delegation.activity;

import java.util.Map;

import org.behalf.kernel.Caller;
import org.behalf.kernel.ResourceAccess;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Undoing an entry's change, the one part of the activity API that is not the audit module's (the
 * rest is {@code org.behalf.audit.activity}): it writes the data of the modules that own it through
 * {@link org.behalf.delegation.api.ChangeUndo}, and remembers what was undone in this module's
 * {@code delegation_revert}; audit may use neither (DESIGN.md section 3).
 */
@RestController
class ActivityRevertController {

    private final ActivityRevert reverts;

    ActivityRevertController(ActivityRevert reverts) {
        this.reverts = reverts;
    }

    /**
     * Undoes a helper's or an app's change (issue 18): the holder alone, through a first-party
     * client; never a delegate or an app (a helper must not shape the record of what helpers did).
     */
    @PostMapping("/api/v1/activity/{entryId}/revert")
    @ResourceAccess(scope = ResourceAccess.OWNER, delegates = false, action = "activity.revert", refusalsRecorded = true)
    Map<String, Object> revert(Caller holder, @PathVariable String entryId) {
        return reverts.revert(holder, entryId);
    }
}
