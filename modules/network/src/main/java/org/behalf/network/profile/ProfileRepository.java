package org.behalf.network.profile;

import java.time.Instant;
import java.util.Optional;

import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;

/**
 * Profiles. An edit ({@code PATCH /api/v1/profile}, a benchmarked hot path) is one locked read
 * ({@link #lock}) and one UPDATE ({@link #update}), both written out (see each for why).
 */
interface ProfileRepository extends Repository<Profile, String> {

    Optional<Profile> findById(String memberId);

    /**
     * The edit's one UPDATE, written out for the same reason as {@link #findLockedByMemberId}:
     * the repository's {@code save} went through the aggregate's change machinery (9 % of the server's CPU on
     * {@code PATCH /api/v1/profile}, scripts/bench delegation with a JFR profile, 2026-12-04).
     */
    @Modifying
    @Query("UPDATE network_profile SET headline = :headline, summary = :summary, location = :location, positions = :positions, "
            + "education = :education, skills = :skills, private_fields = :privateFields, updated_at = :updatedAt "
            + "WHERE member_id = :memberId")
    void update(String memberId, String headline, String summary, String location, Profile.Positions positions, Profile.EducationList education,
                Profile.Skills skills, Profile.PrivateFields privateFields, Instant updatedAt);

    /** An edit of the profile {@link #lock} has locked. */
    default void update(Profile profile) {
        update(profile.memberId(), profile.headline(), profile.summary(), profile.location(), profile.positions(), profile.education(),
                profile.skills(), profile.privateFields(), profile.updatedAt());
    }

    /**
     * Written out rather than derived ({@code @Lock} on {@code findByMemberId}): Spring Data JDBC
     * builds a derived query's SQL anew on every call, and on this benchmarked hot path that was
     * 8 % of the server's CPU and, with the rest of the change to Spring Data JDBC, halved the
     * holder's {@code PATCH /api/v1/profile} (scripts/bench delegation, 2026-12-04: 1,244/s before,
     * 601–676/s with the derived query). Its row is read by {@link ProfileRows}, for the same reason.
     */
    @Query(value = "SELECT member_id, headline, summary, location, positions, education, skills, private_fields, updated_at "
            + "FROM network_profile WHERE member_id = :memberId FOR UPDATE", rowMapperRef = ProfileRows.BEAN)
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
