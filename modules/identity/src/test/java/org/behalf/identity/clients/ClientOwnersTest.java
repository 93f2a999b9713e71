package org.behalf.identity.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.behalf.identity.IdentitySlice;
import org.behalf.identity.api.ClientDirectory;
import org.behalf.kernel.OpaqueIds;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Who owns which integrator's client, as Spring Data JDBC stores it: the list of
 * {@code GET /api/v1/clients} newest first, and the directory the other modules ask (the
 * enforcement's log of a client's own request, webhooks and streams, SECURITY-CASES 20).
 */
class ClientOwnersTest extends IdentitySlice {

    @Autowired
    ClientOwners owners;
    @Autowired
    ClientDirectory directory;

    /** Whole seconds: the test's MariaDB keeps no fraction of a second through Connector/J (see MemberRepositoryTest). */
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void aMembersClientsAreListedNewestFirstAndOnlyTheirOwnerOwnsThem() {
        String ann = OpaqueIds.next("mbr");
        String bob = OpaqueIds.next("mbr");
        ClientOwner old = new ClientOwner(OpaqueIds.next("cli"), ann, now.minusSeconds(60));
        ClientOwner first = new ClientOwner(OpaqueIds.next("cli"), ann, now);
        ClientOwner second = new ClientOwner(OpaqueIds.next("cli"), ann, now);
        ClientOwner bobs = new ClientOwner(OpaqueIds.next("cli"), bob, now);
        for (ClientOwner owner : new ClientOwner[] {old, first, second, bobs}) {
            owners.insert(owner);
        }

        String later = first.clientId().compareTo(second.clientId()) > 0 ? first.clientId() : second.clientId();
        String earlier = later.equals(first.clientId()) ? second.clientId() : first.clientId();
        assertThat(owners.findByOwnerIdOrderByCreatedAtDescClientIdDesc(ann)).extracting(ClientOwner::clientId)
                .containsExactly(later, earlier, old.clientId());
        assertThat(owners.findById(old.clientId())).contains(old);
        assertThat(directory.owns(ann, old.clientId())).isTrue();
        assertThat(directory.owns(bob, old.clientId())).isFalse();
        assertThat(directory.owner(bobs.clientId())).contains(bob);
        assertThat(directory.owner("console")).isEmpty();

        owners.deleteById(old.clientId());

        assertThat(directory.owner(old.clientId())).isEmpty();
        assertThat(owners.findByOwnerIdOrderByCreatedAtDescClientIdDesc(ann)).hasSize(2);
    }
}
