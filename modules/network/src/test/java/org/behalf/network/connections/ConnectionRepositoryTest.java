package org.behalf.network.connections;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.behalf.kernel.OpaqueIds;
import org.behalf.network.NetworkSlice;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** The connection graph and blocks as Spring Data JDBC stores them: both directions together, pages by cursor, degrees. */
class ConnectionRepositoryTest extends NetworkSlice {

    @Autowired
    ConnectionRepository connections;

    @Autowired
    BlockRepository blocks;

    @Autowired
    TransactionTemplate transactions;

    private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void aConnectionIsStoredBothWaysOnceAndPagesGoNewestFirstFromTheCursor() {
        String ann = OpaqueIds.next("mbr");
        String bob = OpaqueIds.next("mbr");
        connections.connect(member, ann, start);
        connections.connect(member, ann, start.plusSeconds(9));
        connections.connect(bob, member, start.plusSeconds(1));

        assertThat(connections.connected(ann, member)).isTrue();
        assertThat(connections.connected(ann, bob)).isFalse();
        assertThat(connections.all(ann)).containsExactly(new ConnectionRepository.Connected(member, start));
        assertThat(connections.page(member, null, null, 1)).containsExactly(new ConnectionRepository.Connected(bob, start.plusSeconds(1)));
        assertThat(connections.page(member, start.plusSeconds(1), bob, 10))
                .as("after the cursor; the second acceptance changed nothing").containsExactly(new ConnectionRepository.Connected(ann, start));
    }

    @Test
    void sharedConnectionsMakeTheSecondDegreeAndTheirConnectionsTheThird() {
        String ann = OpaqueIds.next("mbr");
        String bob = OpaqueIds.next("mbr");
        String cid = OpaqueIds.next("mbr");
        connections.connect(member, ann, start);
        connections.connect(ann, bob, start);
        connections.connect(bob, cid, start);

        assertThat(connections.shared(member, bob, 10)).containsExactly(ann);
        assertThat(connections.thirdDegree(member, cid)).isTrue();
        assertThat(connections.thirdDegree(member, bob)).as("second degree, not third").isFalse();
    }

    @Test
    void closingAnAccountRemovesEachOfItsConnectionsBothWays() {
        String ann = OpaqueIds.next("mbr");
        String bob = OpaqueIds.next("mbr");
        connections.connect(member, ann, start);
        connections.connect(bob, member, start);
        connections.connect(ann, bob, start);

        Integer removed = transactions.execute(status -> connections.disconnectAll(member));

        assertThat(removed).isEqualTo(2);

        assertThat(connections.all(member)).isEmpty();
        assertThat(connections.all(ann)).extracting(ConnectionRepository.Connected::memberId).containsExactly(bob);
        assertThat(connections.disconnect(member, ann)).as("nothing left to remove").isFalse();
    }

    @Test
    void aBlockCountsEitherWayUntilItsOwnerLiftsIt() {
        String ann = OpaqueIds.next("mbr");
        blocks.block(member, ann, start);
        blocks.block(member, ann, start.plusSeconds(1));

        assertThat(blocks.blockedEitherWay(ann, member)).isTrue();
        assertThat(blocks.blockedBy(member)).containsExactly(ann);
        assertThat(blocks.unblock(ann, member)).as("only who blocked lifts it").isFalse();
        assertThat(blocks.unblock(member, ann)).isTrue();
        assertThat(blocks.blockedEitherWay(member, ann)).isFalse();
    }
}
