package org.behalf.network.connections;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** That a member blocked another, the aggregate of {@code network_block}: their messages and invitations stop. */
@Table("network_block")
record Block(@Id Key key, Instant createdAt) {

    /** The table's primary key: who blocked, and whom. */
    record Key(String memberId, String blockedId) {
    }
}
