package org.behalf.events.webhooks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.behalf.identity.api.IdentitySettings;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The Shared Signals transmitter's metadata (OpenID SSF 1.0 section 7.1) at {@link #PATH}: public,
 * read-only. Push delivery only (RFC 8935); the stream endpoints it announces are the receiver's,
 * under {@code /ssf/} ({@link ReceiverStreamController}), declared and enforced like every API
 * endpoint, and take an OAuth 2 bearer token the receiver's client got for itself by client
 * credentials (RFC 6749, hence {@code authorization_schemes}; DESIGN.md section 6). Every subject a stream's client may hear of is included ({@code default_subjects ALL});
 * which those are is the audience rule of {@link FanOut}, so there are no add/remove-subject endpoints.
 */
@RestController
class TransmitterMetadata {

    static final String PATH = "/.well-known/ssf-configuration";

    private final String configuredIssuer;

    TransmitterMetadata(IdentitySettings identity) {
        this.configuredIssuer = identity.issuer();
    }

    @GetMapping(PATH)
    Map<String, Object> metadata() {
        String issuer = issuer();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("spec_version", "1_0");
        metadata.put("issuer", issuer);
        metadata.put("jwks_uri", issuer + "/oauth2/jwks");
        metadata.put("delivery_methods_supported", List.of(StreamService.PUSH));
        metadata.put("configuration_endpoint", issuer + ReceiverStreamController.STREAMS);
        metadata.put("status_endpoint", issuer + ReceiverStreamController.STATUS);
        metadata.put("verification_endpoint", issuer + ReceiverStreamController.VERIFY);
        metadata.put("authorization_schemes", List.of(Map.of("spec_urn", "urn:ietf:rfc:6749")));
        metadata.put("default_subjects", "ALL");
        return metadata;
    }

    /** The configured issuer, or the URL this request reached us at (what OAuth discovery announces too). */
    String issuer() {
        if (configuredIssuer != null && !configuredIssuer.isBlank()) {
            return configuredIssuer.strip().replaceAll("/+$", "");
        }
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }
}
