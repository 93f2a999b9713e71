package org.behalf.events.webhooks;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.behalf.kernel.Caller;
import org.behalf.kernel.ResourceAccess;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shared Signals stream management for the receiver itself (OpenID SSF 1.0 section 8.1), at the
 * endpoints {@link TransmitterMetadata} announces: a receiver is a machine, so it calls with an
 * access token its client got for itself by client credentials (RFC 6749 section 4.4, the
 * metadata's {@code authorization_schemes}; DESIGN.md section 6, "the client's own credentials"),
 * and reaches only the streams whose audience it is.
 *
 * <p>Any client-credentials token of the client will do, whatever its scopes: the catalog's scopes
 * (DESIGN.md section 4) all speak of a member's account, which such a token never acts on, and
 * its stream tells the client only of its own users, which it may know. Registering the
 * {@code client_credentials} grant type is the client's opt-in. A member's token (the owner's
 * included: the console uses {@link StreamController}), an app's for a member, a delegation token
 * ({@code delegates = false}) or another client's token are refused or find nothing
 * ({@link ResourceAccess#CLIENT_ITSELF}, docs/security.md rule 42).
 *
 * <p>Recorded as the resource API records: the client's changes in its owner's log (by
 * {@link StreamService}), its refused and 404 requests there too (the enforcement filter); an
 * app's or a delegate's refused token in the account it acts for; another client's probe in that
 * client's owner's log, since whose stream it reached for stays untold (docs/security.md rule 20).
 */
@RestController
class ReceiverStreamController {

    static final String STREAMS = "/ssf/streams";
    static final String STATUS = "/ssf/status";
    static final String VERIFY = "/ssf/verify";

    private final StreamService streams;
    private final TransmitterMetadata transmitter;

    ReceiverStreamController(StreamService streams, TransmitterMetadata transmitter) {
        this.streams = streams;
        this.transmitter = transmitter;
    }

    /** SSF 1.0 section 8.1.1.1; {@code aud} may be left out: the stream is the calling client's. */
    @PostMapping(STREAMS)
    @ResponseStatus(HttpStatus.CREATED)
    @ResourceAccess(scope = ResourceAccess.CLIENT_ITSELF, delegates = false, action = "ssf.stream.create")
    StreamService.StreamView create(Caller client, @RequestBody StreamService.StreamRequest request) {
        return streams.create(streams.client(client), transmitter.issuer(), request);
    }

    /** One stream by {@code stream_id}, or (SSF 1.0 section 8.1.1.2) every stream of the client as an array. */
    @GetMapping(STREAMS)
    @ApiResponse(responseCode = "200", description = "With stream_id its stream, without every stream of the caller as an array.",
            content = @Content(mediaType = "application/json", schema = @Schema(oneOf = {StreamService.StreamView.class,
                    StreamService.StreamView[].class})))
    @ApiResponse(responseCode = "404", description = "No stream of the caller's with that stream_id (answered alike for another's).")
    @ResourceAccess(scope = ResourceAccess.CLIENT_ITSELF, delegates = false, action = "ssf.stream.read")
    Object read(Caller client, @RequestParam(name = "stream_id", required = false) String streamId) {
        StreamService.Manager manager = streams.client(client);
        return streamId == null ? streams.list(manager) : streams.get(manager, streamId);
    }

    @PatchMapping(STREAMS)
    @ApiResponse(responseCode = "200", description = "The stream as changed.", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "No stream of the caller's with that stream_id (answered alike for another's).")
    @ResourceAccess(scope = ResourceAccess.CLIENT_ITSELF, delegates = false, action = "ssf.stream.update")
    StreamService.StreamView update(Caller client, @RequestBody StreamService.StreamRequest request) {
        return streams.change(streams.client(client), request, false);
    }

    @PutMapping(STREAMS)
    @ApiResponse(responseCode = "200", description = "The stream as replaced.", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "No stream of the caller's with that stream_id (answered alike for another's).")
    @ResourceAccess(scope = ResourceAccess.CLIENT_ITSELF, delegates = false, action = "ssf.stream.update")
    StreamService.StreamView replace(Caller client, @RequestBody StreamService.StreamRequest request) {
        return streams.change(streams.client(client), request, true);
    }

    @DeleteMapping(STREAMS)
    @ApiResponse(responseCode = "404", description = "No stream of the caller's with that stream_id (answered alike for another's).")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @ResourceAccess(scope = ResourceAccess.CLIENT_ITSELF, delegates = false, action = "ssf.stream.delete")
    void delete(Caller client, @RequestParam(name = "stream_id", required = false) String streamId) {
        streams.delete(streams.client(client), streamId);
    }

    @GetMapping(STATUS)
    @ApiResponse(responseCode = "200", description = "The stream's status (SSF 1.0 section 8.1.2.1).", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "No stream of the caller's with that stream_id (answered alike for another's).")
    @ResourceAccess(scope = ResourceAccess.CLIENT_ITSELF, delegates = false, action = "ssf.stream.status_read")
    StreamService.StatusView status(Caller client, @RequestParam(name = "stream_id", required = false) String streamId) {
        return streams.status(streams.client(client), streamId);
    }

    @PostMapping(STATUS)
    @ApiResponse(responseCode = "200", description = "The stream's status as set (SSF 1.0 section 8.1.2.2).", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "No stream of the caller's with that stream_id (answered alike for another's).")
    @ResourceAccess(scope = ResourceAccess.CLIENT_ITSELF, delegates = false, action = "ssf.stream.status")
    StreamService.StatusView setStatus(Caller client, @RequestBody StreamService.StatusRequest request) {
        return streams.setStatus(streams.client(client), request);
    }

    @PostMapping(VERIFY)
    @ApiResponse(responseCode = "404", description = "No stream of the caller's with that stream_id (answered alike for another's).")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @ResourceAccess(scope = ResourceAccess.CLIENT_ITSELF, delegates = false, action = "ssf.stream.verify")
    void verify(Caller client, @RequestBody StreamService.VerificationRequest request) {
        streams.verify(streams.client(client), request);
    }
}
