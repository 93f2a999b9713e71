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
 * The owner's view of their Shared Signals streams, for the console (like webhooks): every stream
 * of every client they own, with SSF's shapes ({@code stream_id} as a query parameter or in the
 * body, a stream list as a JSON array) and the delivery log, which SSF has no endpoint for.
 * Integrator self-service under {@code clients:manage}, which only first-party clients carry and
 * which is never delegable (DESIGN.md sections 4 and 6). A receiver manages its own stream at the
 * endpoints {@link TransmitterMetadata} announces ({@link ReceiverStreamController}); both call the
 * same {@link StreamService} methods, so apart from the log these paths are the console's.
 */
@RestController
class StreamController {

    static final String STREAMS = "/api/v1/ssf/stream";
    static final String STATUS = "/api/v1/ssf/status";
    static final String VERIFY = "/api/v1/ssf/verify";

    private final StreamService streams;
    private final TransmitterMetadata transmitter;

    StreamController(StreamService streams, TransmitterMetadata transmitter) {
        this.streams = streams;
        this.transmitter = transmitter;
    }

    @PostMapping(STREAMS)
    @ResponseStatus(HttpStatus.CREATED)
    @ResourceAccess(scope = "clients:manage", delegates = false, action = "ssf.stream.create")
    StreamService.StreamView create(Caller owner, @RequestBody StreamService.StreamRequest request) {
        return streams.create(StreamService.Manager.owner(owner), transmitter.issuer(), request);
    }

    /** One stream by {@code stream_id}, or (SSF 1.0 section 8.1.1.2) every stream of the caller as an array. */
    @GetMapping(STREAMS)
    @ApiResponse(responseCode = "200", description = "With stream_id its stream, without every stream of the caller as an array.",
            content = @Content(mediaType = "application/json", schema = @Schema(oneOf = {StreamService.StreamView.class,
                    StreamService.StreamView[].class})))
    @ApiResponse(responseCode = "404", description = "No stream of the caller's with that stream_id (answered alike for another's).")
    @ResourceAccess(scope = "clients:manage", delegates = false, action = "ssf.stream.read")
    Object read(Caller owner, @RequestParam(name = "stream_id", required = false) String streamId) {
        StreamService.Manager manager = StreamService.Manager.owner(owner);
        return streamId == null ? streams.list(manager) : streams.get(manager, streamId);
    }

    @PatchMapping(STREAMS)
    @ApiResponse(responseCode = "200", description = "The stream as changed.", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "No stream of the caller's with that stream_id (answered alike for another's).")
    @ResourceAccess(scope = "clients:manage", delegates = false, action = "ssf.stream.update")
    StreamService.StreamView update(Caller owner, @RequestBody StreamService.StreamRequest request) {
        return streams.change(StreamService.Manager.owner(owner), request, false);
    }

    @PutMapping(STREAMS)
    @ApiResponse(responseCode = "200", description = "The stream as replaced.", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "No stream of the caller's with that stream_id (answered alike for another's).")
    @ResourceAccess(scope = "clients:manage", delegates = false, action = "ssf.stream.update")
    StreamService.StreamView replace(Caller owner, @RequestBody StreamService.StreamRequest request) {
        return streams.change(StreamService.Manager.owner(owner), request, true);
    }

    @DeleteMapping(STREAMS)
    @ApiResponse(responseCode = "404", description = "No stream of the caller's with that stream_id (answered alike for another's).")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @ResourceAccess(scope = "clients:manage", delegates = false, action = "ssf.stream.delete")
    void delete(Caller owner, @RequestParam(name = "stream_id", required = false) String streamId) {
        streams.delete(StreamService.Manager.owner(owner), streamId);
    }

    @GetMapping(STATUS)
    @ApiResponse(responseCode = "200", description = "The stream's status (SSF 1.0 section 8.1.2.1).", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "No stream of the caller's with that stream_id (answered alike for another's).")
    @ResourceAccess(scope = "clients:manage", delegates = false, action = "ssf.stream.status_read")
    StreamService.StatusView status(Caller owner, @RequestParam(name = "stream_id", required = false) String streamId) {
        return streams.status(StreamService.Manager.owner(owner), streamId);
    }

    @PostMapping(STATUS)
    @ApiResponse(responseCode = "200", description = "The stream's status as set (SSF 1.0 section 8.1.2.2).", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "No stream of the caller's with that stream_id (answered alike for another's).")
    @ResourceAccess(scope = "clients:manage", delegates = false, action = "ssf.stream.status")
    StreamService.StatusView setStatus(Caller owner, @RequestBody StreamService.StatusRequest request) {
        return streams.setStatus(StreamService.Manager.owner(owner), request);
    }

    @PostMapping(VERIFY)
    @ApiResponse(responseCode = "404", description = "No stream of the caller's with that stream_id (answered alike for another's).")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @ResourceAccess(scope = "clients:manage", delegates = false, action = "ssf.stream.verify")
    void verify(Caller owner, @RequestBody StreamService.VerificationRequest request) {
        streams.verify(StreamService.Manager.owner(owner), request);
    }

    /**
     * The stream's SETs, newest first, with every attempt (a Behalf addition, as for webhooks);
     * {@code cursor} is the previous page's {@code next}.
     */
    @GetMapping(STREAMS + "/deliveries")
    @ApiResponse(responseCode = "200", description = "A page of the stream's deliveries, newest first.", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "No stream of the caller's with that stream_id (answered alike for another's).")
    @ResourceAccess(scope = "clients:manage", delegates = false, action = "ssf.stream.deliveries")
    Delivery.Page deliveries(Caller owner, @RequestParam(name = "stream_id", required = false) String streamId,
                                   @RequestParam(required = false) String cursor, @RequestParam(defaultValue = "50") int limit) {
        int size = Delivery.pageSize(limit);
        return Delivery.page(streams.deliveries(StreamService.Manager.owner(owner), streamId, cursor, size), size);
    }
}
