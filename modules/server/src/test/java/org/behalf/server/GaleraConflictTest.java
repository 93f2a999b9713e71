package org.behalf.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Galera certification conflict (two nodes changed the same row, e.g. appended the same sequence
 * number of one account's chain; docs/operations.md, "Running on a cluster") reaches the node that
 * lost as MariaDB's deadlock error, 1213 / SQLState 40001, at a statement or at commit. It must be
 * taken for what a local InnoDB deadlock is: the whole transaction rolled back, nothing changed,
 * answered 503 "try again" (with Retry-After) — never for a database that is down, and never
 * half-done. Connector/J reports MariaDB as "MySQL"; both names are checked.
 */
class GaleraConflictTest {

    /** As Connector/J raises them (MySQLTransactionRollbackException is an SQLTransactionRollbackException). */
    private static final SQLException INNODB_DEADLOCK = new SQLTransactionRollbackException(
            "Deadlock found when trying to get lock; try restarting transaction", "40001", 1213);
    private static final SQLException CERTIFICATION_FAILURE = new SQLTransactionRollbackException(
            "WSREP detected deadlock/conflict and aborted the transaction. Try restarting the transaction", "40001", 1213);
    /** A node cut off from the cluster's majority answers this until it rejoins. */
    private static final SQLException NON_PRIMARY = new SQLException("WSREP has not yet prepared node for application use", "08S01", 1047);

    @Test
    void aCertificationConflictIsTranslatedExactlyAsADeadlock() {
        for (String product : new String[] {"MySQL", "MariaDB"}) {
            SQLErrorCodeSQLExceptionTranslator translator = new SQLErrorCodeSQLExceptionTranslator(product);
            DataAccessException deadlock = translator.translate("commit", null, INNODB_DEADLOCK);
            DataAccessException conflict = translator.translate("commit", null, CERTIFICATION_FAILURE);

            assertThat(deadlock).isInstanceOf(PessimisticLockingFailureException.class);
            assertThat(conflict).as(product).isInstanceOf(PessimisticLockingFailureException.class)
                    .hasSameClassAs(deadlock);
        }
    }

    @Test
    void aCertificationConflictIsAnsweredTryAgainAndANonPrimaryNodeAsDatabaseDown() throws Exception {
        SQLErrorCodeSQLExceptionTranslator translator = new SQLErrorCodeSQLExceptionTranslator("MySQL");

        MockHttpServletResponse conflict = answer(translator.translate("commit", null, CERTIFICATION_FAILURE));
        assertThat(conflict.getStatus()).isEqualTo(503);
        assertThat(conflict.getHeader("Retry-After")).isEqualTo("5");
        assertThat(conflict.getContentAsString()).contains("Something else is changing the same thing right now");

        MockHttpServletResponse cutOff = answer(translator.translate("select", null, NON_PRIMARY));
        assertThat(cutOff.getStatus()).isEqualTo(503);
        assertThat(cutOff.getContentAsString()).contains("could not reach its database");
    }

    /**
     * Readiness on a Galera node (DatabaseReadiness): UP only while the node is ready and synced
     * with its cluster, not while it answers a ping and refuses statements (error 1047) after a
     * freeze or a partition (black-box finding, 2026-12-07: readiness 200, HAProxy UP, every write
     * 503). A plain MariaDB (wsrep_on OFF) keeps the ping alone: DatabaseAwayTest, HealthTest.
     */
    @Test
    void aGaleraNodeIsReadyOnlyWhenReadyAndSynced() {
        assertThat(DatabaseReadiness.serves("ON", "Synced")).isTrue();
        assertThat(DatabaseReadiness.serves("OFF", "Initialized")).as("non-primary, after a freeze").isFalse();
        assertThat(DatabaseReadiness.serves("ON", "Joined")).as("catching up").isFalse();
        assertThat(DatabaseReadiness.serves("ON", "Donor/Desynced")).isFalse();
        assertThat(DatabaseReadiness.serves(null, null)).isFalse();
    }

    private static MockHttpServletResponse answer(DataAccessException thrown) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        new DatabaseOutage(JsonMapper.builder().build()).doFilter(new MockHttpServletRequest("POST", "/oauth2/token"), response,
                (request, ignored) -> {
                    throw thrown;
                });
        return response;
    }
}
