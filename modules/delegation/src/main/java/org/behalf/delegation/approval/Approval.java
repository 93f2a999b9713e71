package org.behalf.delegation.approval;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A delegate's request held for the holder's review (DESIGN.md section 6, "staged changes"): what
 * it would do, exactly as sent, and what became of it.
 *
 * @param status       {@code pending}, then {@code applied}, {@code failed} (applying was refused) or {@code rejected}
 * @param resultStatus the HTTP status applying it answered, once approved
 * @param result       what applying it answered, in words
 * @param changes      per field the request sets, its value when staged and the value proposed, as a JSON array
 *                     {@code [{"field","label","before","after"}]}; null when the request is one shown as sent
 */
@Table("delegation_approval")
public record Approval(@Id String id, String holderId, String grantId, String delegateId, String clientId, String action,
                       String scope, String method, String path, String contentType, String body, String status,
                       Instant createdAt, Instant decidedAt, Integer resultStatus, String result, String changes) {

    /** An approval id is {@code apr_} and 22 random characters ({@code OpaqueIds}). */
    public static final String ID_PREFIX = "apr";

    Approval decided(String newStatus, Instant at, Integer httpStatus, String words) {
        return new Approval(id, holderId, grantId, delegateId, clientId, action, scope, method, path, contentType, body,
                newStatus, createdAt, at, httpStatus, words, changes);
    }
}
