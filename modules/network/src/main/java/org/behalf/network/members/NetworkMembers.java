package org.behalf.network.members;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.behalf.identity.api.AccountClosed;
import org.behalf.identity.api.MemberDirectory;
import org.behalf.identity.api.MemberRegistered;
import org.behalf.kernel.OpaqueIds;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The network's own copy of who its members are (handle, name, headline, location, skills), so
 * that lists and search need no call into identity per row. Kept up to date from identity's
 * {@link MemberRegistered} event and from profile edits.
 *
 * <p>Hand-written SQL, like the search's ({@code NetworkSearch}):
 * {@link #summaries} names every page of search hits and their introducers (the degree-2 search,
 * p99 target 100 ms, scripts/bench search), with an IN list as long as the page, and the writes are
 * one-statement upserts (see {@link #remember}) that a repository's save cannot say.
 */
@Component
public class NetworkMembers {

    private final JdbcTemplate jdbc;
    private final MemberDirectory directory;

    public NetworkMembers(JdbcTemplate jdbc, MemberDirectory directory) {
        this.jdbc = jdbc;
        this.directory = directory;
    }

    @EventListener
    void onRegistered(MemberRegistered member) {
        remember(member.memberId(), member.handle(), member.displayName());
    }

    /**
     * Whether {@code id} is spelt as a member id ({@code mbr_} and 22 random characters, identity's
     * {@code OpaqueIds}): a path's member id that is not finds no one, as even a byte-for-byte column
     * pads and found "mbr_…   " as "mbr_…" (docs/security.md rule 26).
     */
    public static boolean isMemberId(String id) {
        return OpaqueIds.isOf(MEMBER_ID_PREFIX, id);
    }

    private static final String MEMBER_ID_PREFIX = "mbr";

    /** How a closed account is shown where it still appears (an old invitation): no name, handle or headline. */
    public static final String CLOSED_NAME = "A closed account";

    /**
     * A closed account disappears from everyone's network (issue 18 item 9): its row keeps only its
     * id, so search never finds it (no handle, no text) and lists show it without name or headline.
     * Runs in the closing transaction, like the end of its connections and invitations.
     */
    @EventListener
    void onClosed(AccountClosed closed) {
        jdbc.update("UPDATE network_member SET handle = '', display_name = ?, headline = '', location = '', skills = '', "
                + "search_text = '' WHERE member_id = ?", CLOSED_NAME, closed.memberId());
    }

    /** The member with this handle ({@code @} in front or not), if the account is open and in the network (no assistant). */
    public Optional<MemberSummary> byHandle(String handle) {
        String plain = handle.strip().startsWith("@") ? handle.strip().substring(1) : handle.strip();
        if (plain.isEmpty() || plain.contains("@")) {
            return Optional.empty();
        }
        return directory.findByHandleOrEmail(plain).filter(member -> !directory.isAgent(member.id())).flatMap(member -> summary(member.id()));
    }

    /**
     * Called when a profile changes, with the member the edit has already read: reading it again
     * here cost the edit a second read of the member ({@code PATCH /api/v1/profile}, a benchmarked hot path).
     */
    public void profileChanged(MemberDirectory.MemberRef member, String headline, String location, List<String> skills) {
        upsert(member.id(), member.handle(), member.displayName(), headline, location, skills);
    }

    /**
     * Whether the member exists in the network: has an account that is not closed, and is a person.
     * An AI assistant is no member of the network (docs/agents.md): it is neither invited,
     * written to nor connected with, as one nobody is.
     */
    public boolean exists(String memberId) {
        return summary(memberId).filter(member -> !member.handle().isEmpty()).isPresent() && !directory.isAgent(memberId);
    }

    /**
     * Locks the members' rows until the transaction ends, in id order so that two requests locking
     * the same pair never wait on each other in a cycle. The network has one row per member here,
     * which makes it the place to serialise a member's decisions that depend on a count or on
     * "none yet" (the open-invitation limit, one open invitation per pair).
     */
    public void lock(String... memberIds) {
        for (String id : new java.util.TreeSet<>(List.of(memberIds))) {
            if (lockRow(id) || summary(id).isPresent() && lockRow(id)) {
                continue;
            }
            throw new IllegalStateException("no network row for a member that exists");
        }
    }

    private boolean lockRow(String memberId) {
        return !jdbc.queryForList("SELECT member_id FROM network_member WHERE member_id = ? FOR UPDATE", String.class, memberId)
                .isEmpty();
    }

    /** The member of exactly this id, if any: the map is keyed by ids as stored ({@link #summaries}). */
    public Optional<MemberSummary> summary(String memberId) {
        Map<String, MemberSummary> found = summaries(List.of(memberId));
        return Optional.ofNullable(found.get(memberId));
    }

    /**
     * Summaries by id; members the network has not seen yet are looked up in identity and
     * remembered, but for an AI assistant, which is named where it appears (an invitation sent to it
     * before assistants were kept out) and never remembered, so that search never finds it
     * (docs/agents.md: "nobody finds it in the network"; it was found once anything had named it,
     * black-box finding, 2026-12-07).
     */
    public Map<String, MemberSummary> summaries(Collection<String> ids) {
        Map<String, MemberSummary> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        String placeholders = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        jdbc.query("SELECT member_id, handle, display_name, headline FROM network_member WHERE member_id IN (" + placeholders + ")",
                rs -> {
                    found.put(rs.getString(1), new MemberSummary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }, ids.toArray());
        for (String id : ids) {
            if (!found.containsKey(id)) {
                // Only the member of exactly this id: identity's look-up takes the database's collation, which may
                // ignore case and accents, and another spelling became the network's id of the member (the target
                // of a block, of the holder's log) (docs/security.md rule 26; black-box finding, 2026-12-07).
                directory.findById(id).filter(m -> m.id().equals(id)).ifPresent(m -> {
                    if (!directory.isAgent(m.id())) {
                        remember(m.id(), m.handle(), m.displayName());
                    }
                    found.put(id, new MemberSummary(m.id(), m.handle(), m.displayName(), ""));
                });
            }
        }
        return found;
    }

    /**
     * A member the network has not seen, remembered with an empty profile; one it has is left as
     * it is. Both here and in {@link #upsert}, INSERT ... ON DUPLICATE KEY locks only the member's
     * row: an UPDATE or a locking read of a missing row also locks the gap around it, and two
     * sign-ups inserting into each other's gap deadlocked (InnoDB, REPEATABLE READ).
     */
    private void remember(String id, String handle, String displayName) {
        jdbc.update("INSERT INTO network_member (handle, display_name, headline, location, skills, search_text, member_id) "
                + "VALUES (?, ?, '', '', '', ?, ?) ON DUPLICATE KEY UPDATE member_id = member_id",
                handle, displayName, searchText(handle, displayName, "", "", ""), id);
    }

    private void upsert(String id, String handle, String displayName, String headline, String location, List<String> skills) {
        String skillText = String.join(", ", skills);
        String search = searchText(handle, displayName, headline, location, skillText);
        jdbc.update("INSERT INTO network_member (handle, display_name, headline, location, skills, search_text, member_id) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE handle = ?, display_name = ?, headline = ?, location = ?, "
                + "skills = ?, search_text = ?", handle, displayName, headline, location, skillText, search, id,
                handle, displayName, headline, location, skillText, search);
    }

    private static String searchText(String handle, String displayName, String headline, String location, String skills) {
        return String.join(" ", handle, displayName, headline, location, skills).toLowerCase(Locale.ROOT);
    }
}
