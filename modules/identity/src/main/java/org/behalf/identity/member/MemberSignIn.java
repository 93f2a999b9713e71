package org.behalf.identity.member;

import java.util.List;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Finds the member a sign-in names by handle or e-mail. The authenticated name is the member id,
 * which becomes the tokens' {@code sub}.
 */
@Component
public class MemberSignIn implements UserDetailsService {

    /** The authority of a member of kind agent, which the authorization server limits (AgentSignIn). */
    public static final String AGENT = "ROLE_AGENT";

    private final MemberRepository members;

    MemberSignIn(MemberRepository members) {
        this.members = members;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        Member member = members.byKey(Names.handleKey(username)).filter(Member::active)
                .orElseThrow(() -> new UsernameNotFoundException("no such member"));
        return User.withUsername(member.id()).password(member.passwordHash())
                .authorities(List.of(new SimpleGrantedAuthority(member.agent() ? AGENT : "ROLE_MEMBER"))).build();
    }

    /**
     * The throttling key of an account: its member id when the name (handle or e-mail) is a
     * member's, so that both names share one count; otherwise the name as typed, normalised (the
     * same for "Ann" and "ann"), so that an unknown account is throttled like a known one.
     */
    public String throttleKey(String username) {
        String key = Names.handleKey(username == null ? "" : username);
        return members.byKey(key).map(Member::id).orElse(key);
    }
}
