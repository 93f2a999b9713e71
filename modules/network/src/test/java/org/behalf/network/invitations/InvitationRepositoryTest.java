package org.behalf.network.invitations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.behalf.network.NetworkSlice;
import org.behalf.kernel.OpaqueIds;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;

/** Invitations as Spring Data JDBC stores them: new ones inserted under their own id, answered ones saved, pages by cursor. */
class InvitationRepositoryTest extends NetworkSlice {

    @Autowired
    InvitationRepository invitations;

    private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void aNewInvitationIsInsertedOnceAndAnAnswerSavedOverIt() {
        Invitation sent = invitation(member, OpaqueIds.next("mbr"), null, 0);
        invitations.insert(sent);
        assertThatThrownBy(() -> invitations.insert(sent)).isInstanceOf(DuplicateKeyException.class);

        invitations.save(sent.answered(Invitation.Status.ACCEPTED, start.plusSeconds(5)));

        assertThat(invitations.findLockedById(sent.id())).get().satisfies(read -> {
            assertThat(read.status()).isEqualTo(Invitation.Status.ACCEPTED);
            assertThat(read.answeredAt()).isEqualTo(start.plusSeconds(5));
            assertThat(read.message()).isEqualTo("Hello");
        });
    }

    @Test
    void pagesGoNewestFirstFromTheCursorAndReceivedLeavesOutIntroductionsNotYetForwarded() {
        String other = OpaqueIds.next("mbr");
        Invitation first = invitations.insert(invitation(other, member, null, 1));
        Invitation second = invitations.insert(invitation(OpaqueIds.next("mbr"), member, null, 2));
        invitations.insert(invitation(OpaqueIds.next("mbr"), member, other, 3));

        List<Invitation> page = invitations.page(member, InvitationRepository.Direction.RECEIVED, null, 10);
        assertThat(page).extracting(Invitation::id).containsExactly(second.id(), first.id());
        assertThat(invitations.page(member, InvitationRepository.Direction.RECEIVED, second.seq(), 10))
                .extracting(Invitation::id).containsExactly(first.id());
        assertThat(invitations.page(other, InvitationRepository.Direction.INTRODUCTIONS, null, 10)).hasSize(1);
        assertThat(invitations.page(other, InvitationRepository.Direction.SENT, null, 1)).extracting(Invitation::id)
                .containsExactly(first.id());
    }

    @Test
    void closingAMembersOpenInvitationsLeavesAnsweredOnesAsTheyWere() {
        Invitation open = invitations.insert(invitation(member, OpaqueIds.next("mbr"), null, 0));
        Invitation received = invitations.insert(invitation(OpaqueIds.next("mbr"), member, null, 1));
        Invitation answered = invitations.insert(invitation(member, OpaqueIds.next("mbr"), null, 2));
        invitations.save(answered.answered(Invitation.Status.DECLINED, start));

        assertThat(invitations.openSentBy(member)).containsExactly(open.toId());
        assertThat(invitations.closeAllOpen(member, Invitation.Status.WITHDRAWN, Invitation.Status.IGNORED, start)).isEqualTo(2);

        assertThat(invitations.findLockedById(open.id())).get().extracting(Invitation::status).isEqualTo(Invitation.Status.WITHDRAWN);
        assertThat(invitations.findLockedById(received.id())).get().extracting(Invitation::status).isEqualTo(Invitation.Status.IGNORED);
        assertThat(invitations.findLockedById(answered.id())).get().extracting(Invitation::status).isEqualTo(Invitation.Status.DECLINED);
    }

    /** Numbered as the second it is sent in; the numbers given as sent are {@code InvitationsInOneSecondTest}'s. */
    private Invitation invitation(String from, String to, String via, int second) {
        return new Invitation(OpaqueIds.next("inv"), from, to, via, "Hello",
                via == null ? Invitation.Status.PENDING : Invitation.Status.FORWARDING, start.plusSeconds(second), null, via == null, second);
    }
}
