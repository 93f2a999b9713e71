package org.behalf.network.connections;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.behalf.kernel.InvalidRequest;
import org.behalf.kernel.RequestState;
import org.behalf.network.Cursor;
import org.behalf.network.Page;
import org.behalf.network.members.MemberSummary;
import org.behalf.network.members.NetworkMembers;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class ConnectionService {

    private static final int SHARED_SHOWN = 10;

    private final ConnectionRepository connections;
    private final BlockRepository blocks;
    private final NetworkMembers members;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<RequestState> requests;

    ConnectionService(ConnectionRepository connections, BlockRepository blocks, NetworkMembers members, Clock clock, ApplicationEventPublisher events,
                      ObjectProvider<RequestState> requests) {
        this.requests = requests;
        this.connections = connections;
        this.blocks = blocks;
        this.members = members;
        this.clock = clock;
        this.events = events;
    }

    Page<ConnectionView> list(String memberId, String cursor, Integer limit) {
        int size = Page.size(limit);
        Cursor after = Cursor.decode(cursor, NetworkMembers::isMemberId);
        List<ConnectionRepository.Connected> rows = connections.page(memberId,
                after == null ? null : after.at(), after == null ? null : after.id(), size + 1);
        Map<String, MemberSummary> summaries = members.summaries(rows.stream().map(ConnectionRepository.Connected::memberId).toList());
        return Page.of(rows, size, c -> new Cursor(c.since(), c.memberId()).encode(),
                c -> new ConnectionView(summaries.get(c.memberId()), c.since()));
    }

    @Transactional
    void remove(String memberId, String other) {
        RequestState.of(requests).notes().target("connection", other);
        if (!NetworkMembers.isMemberId(other) || !connections.disconnect(memberId, other)) {
            throw InvalidRequest.notFound();
        }
    }

    /** 1, 2 or 3 for the degree of {@code other} from {@code memberId}; null beyond the third. */
    DegreeView degree(String memberId, String other) {
        if (!members.exists(other)) {
            throw InvalidRequest.notFound();
        }
        RequestState.of(requests).notes().target("member", other);
        if (memberId.equals(other)) {
            return new DegreeView(0, List.of());
        }
        List<String> shared = connections.shared(memberId, other, SHARED_SHOWN);
        if (connections.connected(memberId, other)) {
            return new DegreeView(1, shared);
        }
        if (!shared.isEmpty()) {
            return new DegreeView(2, shared);
        }
        return new DegreeView(connections.thirdDegree(memberId, other) ? 3 : null, List.of());
    }

    @Transactional
    void block(String memberId, String other) {
        if (memberId.equals(other) || !members.exists(other)) {
            throw new InvalidRequest("memberId", "No member to block by that id.");
        }
        RequestState.of(requests).notes().target("member", other);
        java.time.Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        blocks.block(memberId, other, now);
        events.publishEvent(new MemberBlocked(memberId, other, now));
    }

    @Transactional
    void unblock(String memberId, String other) {
        RequestState.of(requests).notes().target("member", other);
        if (!NetworkMembers.isMemberId(other) || !blocks.unblock(memberId, other)) {
            throw InvalidRequest.notFound();
        }
    }

    List<MemberSummary> blocked(String memberId) {
        List<String> ids = blocks.blockedBy(memberId);
        Map<String, MemberSummary> summaries = members.summaries(ids);
        return ids.stream().map(summaries::get).filter(java.util.Objects::nonNull).toList();
    }

    record ConnectionView(MemberSummary member, java.time.Instant since) {
    }

    record DegreeView(@Nullable Integer degree, List<String> sharedConnections) {
    }
}
