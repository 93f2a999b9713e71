package org.behalf.identity.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.behalf.identity.IdentitySlice;
import org.behalf.kernel.OpaqueIds;
import org.behalf.kernel.slice.RowLocks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The member aggregate as Spring Data JDBC stores it: the columns earlier releases wrote (the
 * normalised keys among them), look-ups by key byte for byte, the operator's locked row, and the
 * one-column writes of a password change and a closure.
 */
class MemberRepositoryTest extends IdentitySlice {

    @Autowired
    MemberRepository members;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transaction;

    /** Whole seconds: the test's MariaDB keeps no fraction of a second through Connector/J (see timesAreStoredAsTheStatementsBeforeStoredThem). */
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private Member person(String handle, String email, Instant createdAt) {
        return new Member(OpaqueIds.next("mbr"), Names.handleShown(handle), email, "Ann " + handle, "hash-" + handle, Member.ACTIVE,
                createdAt);
    }

    private Member agent(String handle, String operatorId, Instant createdAt) {
        return new Member(OpaqueIds.next("mbr"), handle, "", "Agent " + handle, "hash", Member.ACTIVE, createdAt, Member.AGENT, operatorId);
    }

    private static String unique(String prefix) {
        return prefix + OpaqueIds.next("x").substring(2, 12).toLowerCase();
    }

    @Test
    void aMemberIsStoredInTheColumnsEarlierReleasesWroteWithItsKeysAndReadBack() {
        String handle = unique("Ann.");
        Member ann = person(handle, "Ann." + handle + "@Example.ORG", now);

        members.insert(ann);

        Map<String, Object> row = jdbc.queryForMap("SELECT handle, handle_key, email, email_key, password_hash, status, kind, "
                + "operator_id, created_at FROM identity_member WHERE id = ?", ann.id());
        assertThat(row.get("handle")).isEqualTo(handle);
        assertThat(row.get("handle_key")).isEqualTo(handle.toLowerCase());
        assertThat(row.get("email")).isEqualTo(ann.email());
        assertThat(row.get("email_key")).isEqualTo(ann.email().toLowerCase());
        assertThat(row.get("password_hash")).isEqualTo("hash-" + handle);
        assertThat(row.get("status")).isEqualTo("ACTIVE");
        assertThat(row.get("kind")).isEqualTo("person");
        assertThat(row.get("operator_id")).isNull();
        assertThat(((Timestamp) row.get("created_at")).toInstant()).isEqualTo(now);
        assertThat(members.byId(ann.id())).contains(ann);
        assertThat(members.byKey(handle.toLowerCase())).contains(ann);
        assertThat(members.byKey(ann.email().toLowerCase())).contains(ann);
    }

    /** An agent has no e-mail; its e-mail key is one no address normalises to, so that any number of agents fit the unique index. */
    @Test
    void agentsHaveKeysNoAddressCanEqual() {
        Member operator = person(unique("op"), unique("op") + "@example.org", now);
        members.insert(operator);
        Member first = agent(unique("bot"), operator.id(), now);
        Member second = agent(unique("bot"), operator.id(), now);

        members.insert(first);
        members.insert(second);

        assertThat(jdbc.queryForObject("SELECT email_key FROM identity_member WHERE id = ?", String.class, first.id()))
                .isEqualTo("agent:" + first.id());
        assertThat(members.byKey(first.handle())).contains(first);
        assertThat(members.byKey("")).isEmpty();
    }

    /** The times a member is answered with at sign-up are those read back later: Spring Data binds them as JdbcTemplate did. */
    @Test
    void timesAreStoredAsTheStatementsBeforeStoredThem() {
        Instant withMillis = now.plusMillis(456);
        Member ann = person(unique("ann"), unique("ann") + "@example.org", withMillis);
        members.insert(ann);

        // One transaction: the temporary table lives on one connection.
        Timestamp before = transaction.execute(tx -> {
            jdbc.execute("CREATE TEMPORARY TABLE times_as_before (at TIMESTAMP(3))");
            jdbc.update("INSERT INTO times_as_before (at) VALUES (?)", Timestamp.from(withMillis));
            Timestamp written = jdbc.queryForObject("SELECT at FROM times_as_before", Timestamp.class);
            jdbc.execute("DROP TEMPORARY TABLE times_as_before");
            return written;
        });

        assertThat(jdbc.queryForObject("SELECT created_at FROM identity_member WHERE id = ?", Timestamp.class, ann.id())).isEqualTo(before);
        assertThat(members.byId(ann.id())).get().extracting(Member::createdAt).isEqualTo(before.toInstant());
    }

    /** SECURITY-CASES 26: a key is found only by the same bytes; "José" and "jose" are two members, a look-up by one never finds the other. */
    @Test
    void keysAreComparedByteForByte() {
        String suffix = unique("");
        Member accented = person("josé" + suffix, "josé" + suffix + "@example.org", now);
        members.insert(accented);

        assertThat(members.byKey("josé" + suffix)).contains(accented);
        assertThat(members.byKey("jose" + suffix)).isEmpty();
        assertThat(members.byKey("JOSÉ" + suffix)).isEmpty();
        assertThat(members.taken("jose" + suffix, "jose" + suffix + "@example.org")).isFalse();
        assertThat(members.taken("josé" + suffix, "nobody@example.org")).isTrue();
        assertThat(members.taken("nobody" + suffix, "josé" + suffix + "@example.org")).isTrue();
        members.insert(person("jose" + suffix, "jose" + suffix + "@example.org", now));
        assertThatThrownBy(() -> members.insert(person("josé" + suffix, "other" + suffix + "@example.org", now)))
                .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void anOperatorsAgentsAreItsOpenOnesNewestFirst() {
        Member operator = person(unique("op"), unique("op") + "@example.org", now);
        Member someoneElse = person(unique("op"), unique("op") + "@example.org", now);
        members.insert(operator);
        members.insert(someoneElse);
        Member old = agent(unique("bot"), operator.id(), now.minusSeconds(60));
        Member newer = agent(unique("bot"), operator.id(), now);
        Member sameTime = agent(unique("bot"), operator.id(), now);
        Member closed = agent(unique("bot"), operator.id(), now.plusSeconds(1));
        Member others = agent(unique("bot"), someoneElse.id(), now);
        for (Member member : new Member[] {old, newer, sameTime, closed, others}) {
            members.insert(member);
        }
        members.close(closed.id());

        String laterId = newer.id().compareTo(sameTime.id()) > 0 ? newer.id() : sameTime.id();
        String earlierId = laterId.equals(newer.id()) ? sameTime.id() : newer.id();
        assertThat(members.agentsOf(operator.id())).extracting(Member::id).containsExactly(laterId, earlierId, old.id());
        assertThat(members.agentsOf(newer.id())).isEmpty();
    }

    /** Two agents created at once are counted one after the other: the second waits for the first's lock on the operator. */
    @Test
    void aLockedOperatorWaitsForTheTransactionHoldingIt() throws Exception {
        Member operator = person(unique("op"), unique("op") + "@example.org", now);
        members.insert(operator);
        RowLocks.whileHeldElsewhere(transaction, jdbc, () -> members.lockOperator(operator.id()), () -> {
            assertThatThrownBy(() -> members.lockOperator(operator.id())).isInstanceOf(PessimisticLockingFailureException.class);
            assertThat(members.byId(operator.id())).isPresent();
        });
    }

    /** A password change that read the member before a closure writes only the hash: the account stays closed. */
    @Test
    void aPasswordChangeAndAClosureEachWriteTheirOwnColumn() {
        Member ann = person(unique("ann"), unique("ann") + "@example.org", now);
        members.insert(ann);
        Member read = members.byId(ann.id()).orElseThrow();

        members.close(ann.id());
        members.updatePassword(read.id(), "new-hash");

        assertThat(members.byId(ann.id())).get().satisfies(m -> {
            assertThat(m.active()).isFalse();
            assertThat(m.status()).isEqualTo("CLOSED");
            assertThat(m.passwordHash()).isEqualTo("new-hash");
            assertThat(m.handle()).isEqualTo(ann.handle());
        });
    }
}
