package org.behalf.network.connections;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * One direction of a first-degree connection, the aggregate of {@code network_connection}: each
 * connection is stored both ways (migration V202611220410), so that a member's connections are one
 * primary-key range and shard with the member.
 */
@Table("network_connection")
record Connection(@Id Key key, Instant createdAt) {

    /** The table's primary key: the member, and whom they are connected to. */
    record Key(String memberId, String connectionId) {
    }

    /** What a member's list and export show of it: whom, and since when. */
    ConnectionRepository.Connected connected() {
        return new ConnectionRepository.Connected(key.connectionId(), createdAt);
    }
}
