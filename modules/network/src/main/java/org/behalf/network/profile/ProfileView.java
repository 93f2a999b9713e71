package org.behalf.network.profile;

import java.util.List;
import java.util.TreeSet;

import org.behalf.identity.api.MemberDirectory;
import org.jspecify.annotations.Nullable;

/**
 * The answer of the profile endpoints (DESIGN.md section 6 shape). In another member's profile a
 * hidden list is null, and so is {@code privateFields}, which only the owner sees.
 */
record ProfileView(String id, String handle, String displayName, @Nullable String headline, @Nullable String summary, @Nullable String location,
                   @Nullable List<Profile.Position> positions, @Nullable List<Profile.Education> education, @Nullable List<String> skills,
                   @Nullable List<String> privateFields) {

    static ProfileView full(MemberDirectory.MemberRef member, Profile profile) {
        return new ProfileView(member.id(), member.handle(), member.displayName(), profile.headline(), profile.summary(),
                profile.location(), profile.positions().items(), profile.education().items(), profile.skills().items(),
                List.copyOf(new TreeSet<>(profile.privateFields().names())));
    }

    /** What anyone signed in may see: hidden fields are left out (null). */
    static ProfileView publicOf(MemberDirectory.MemberRef member, Profile profile) {
        var hidden = profile.privateFields().names();
        return new ProfileView(member.id(), member.handle(), member.displayName(), profile.headline(),
                hidden.contains("summary") ? null : profile.summary(),
                hidden.contains("location") ? null : profile.location(),
                hidden.contains("positions") ? null : profile.positions().items(),
                hidden.contains("education") ? null : profile.education().items(),
                hidden.contains("skills") ? null : profile.skills().items(), null);
    }
}
