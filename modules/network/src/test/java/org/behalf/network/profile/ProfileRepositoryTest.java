package org.behalf.network.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.behalf.kernel.slice.RowLocks;
import org.behalf.kernel.slice.SessionStatements;
import org.behalf.network.NetworkSlice;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The profile aggregate as Spring Data JDBC stores it: the columns' format, the locked read, the statements of an edit. */
class ProfileRepositoryTest extends NetworkSlice {

    @Autowired
    ProfileRepository profiles;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transaction;

    /**
     * Whole seconds: Connector/J against the test's MariaDB keeps no fraction of a second whichever
     * way a time is bound (setTimestamp or setObject, measured), with the hand-written statements as now.
     */
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void aProfileIsStoredInTheColumnsEarlierReleasesWroteAndReadBack() {
        profiles.create(member, now);
        Profile edited = new Profile(member, "Nurse", "Night shifts", "Lyon",
                List.of(new Profile.Position("Nurse", "HCL", "2020-01", null, "")),
                List.of(new Profile.Education("IFSI", "DE", "Nursing", 2015, 2018)), List.of("Triage", "Care"),
                Set.of("summary", "location"), now);
        transaction.executeWithoutResult(tx -> {
            profiles.lock(member, now);
            profiles.update(edited);
        });

        assertThat(jdbc.queryForObject("SELECT updated_at FROM network_profile WHERE member_id = ?", java.sql.Timestamp.class, member)
                .toInstant()).isEqualTo(now);
        assertThat(profiles.find(member)).contains(edited);
        Map<String, Object> row = jdbc.queryForMap("SELECT positions, education, skills, private_fields FROM network_profile "
                + "WHERE member_id = ?", member);
        assertThat(row.get("skills")).isEqualTo("[\"Triage\",\"Care\"]");
        assertThat(row.get("private_fields")).isEqualTo("location summary");
        assertThat((String) row.get("positions")).startsWith("[{\"title\":\"Nurse\",\"company\":\"HCL\"");
    }

    @Test
    void creatingTwiceKeepsTheFirstProfile() {
        profiles.create(member, now);
        transaction.executeWithoutResult(tx -> profiles.update(new Profile(member, "Kept", "", "", List.of(), List.of(), List.of(),
                Set.of(), now)));

        profiles.create(member, now.plusSeconds(1));

        assertThat(profiles.find(member)).get().extracting(Profile::headline).isEqualTo("Kept");
    }

    /** PATCH /api/v1/profile is a benchmarked hot path: the profile's part of it is one locked read and one UPDATE. */
    @Test
    void anEditIsOneLockedReadAndOneUpdate() {
        profiles.create(member, now);
        Map<String, Long> statements = transaction.execute(tx -> SessionStatements.during(jdbc, () -> {
            Profile locked = profiles.lock(member, now);
            profiles.update(new Profile(member, "Edited", locked.summary(), locked.location(), locked.positions(), locked.education(),
                    locked.skills(), locked.privateFields(), now));
        }));

        assertThat(statements).containsEntry("select", 1L).containsEntry("update", 1L).containsEntry("insert", 0L);
        assertThat(profiles.find(member)).get().extracting(Profile::headline).isEqualTo("Edited");
    }

    @Test
    void aLockedProfileWaitsForTheEditHoldingIt() throws Exception {
        profiles.create(member, now);
        RowLocks.whileHeldElsewhere(transaction, jdbc, () -> profiles.lock(member, now), () -> {
            assertThatThrownBy(() -> profiles.lock(member, now)).isInstanceOf(PessimisticLockingFailureException.class);
            // A plain read does not wait: it is not a lock.
            assertThat(profiles.find(member)).isPresent();
        });
        Profile relocked = transaction.execute(tx -> profiles.lock(member, now));
        assertThat(relocked).isNotNull();
    }
}
