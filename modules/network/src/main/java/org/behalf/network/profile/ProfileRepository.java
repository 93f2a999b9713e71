package org.behalf.network.profile;

import java.time.Instant;
import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.relational.core.sql.LockMode;
import org.springframework.data.relational.repository.Lock;
import org.springframework.data.repository.Repository;

/**
 * Profiles. An edit ({@code PATCH /api/v1/profile}, a benchmarked hot path) is one locked read
 * ({@link #lock}) and one UPDATE ({@link #save}: the profile exists, so Spring Data JDBC updates it
 * without asking first).
 */
interface ProfileRepository extends Repository<Profile, String> {

    Optional<Profile> findById(String memberId);

    /** Replaces the whole profile, which {@link #lock} has locked. */
    Profile save(Profile profile);

    @Lock(LockMode.PESSIMISTIC_WRITE)
    Optional<Profile> findLockedByMemberId(String memberId);

    /**
     * An empty profile for a new member; nothing if the member has one. Hand-written: "insert unless
     * there" is one statement in MySQL, where a read first would race with another insert.
     */
    @Modifying
    @Query("INSERT INTO network_profile (member_id, headline, summary, location, positions, education, skills, private_fields, "
            + "updated_at) VALUES (:memberId, '', '', '', '[]', '[]', '[]', '', :now) ON DUPLICATE KEY UPDATE member_id = member_id")
    void create(String memberId, Instant now);

    /**
     * The member's profile, its row locked until the transaction ends: two edits of one profile
     * apply one after the other, so that the later one cannot write back the fields the earlier
     * one changed. Every member has a row from sign-up on ({@link #create}; migration
     * V202612020100 for earlier members), so the locking read finds one and locks only it: a
     * locking read of a missing row also locks the gap around it, and two members' first edits,
     * each inserting into the gap the other locked, deadlocked (InnoDB, REPEATABLE READ). Should
     * a row still be missing (a member signed up by a node of the previous release during an
     * upgrade), it is created here, after the locking read: such first edits may still meet in a
     * gap, as all first edits did before.
     */
    default Profile lock(String memberId, Instant now) {
        Optional<Profile> locked = findLockedByMemberId(memberId);
        if (locked.isPresent()) {
            return locked.get();
        }
        create(memberId, now);
        return findLockedByMemberId(memberId).orElseThrow();
    }

    default Optional<Profile> find(String memberId) {
        return findById(memberId);
    }
}
