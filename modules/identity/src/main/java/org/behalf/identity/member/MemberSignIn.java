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

    private final MemberRepository members;

    MemberSignIn(MemberRepository members) {
        this.members = members;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        Member member = members.byKey(Names.handleKey(username)).filter(Member::active)
                .orElseThrow(() -> new UsernameNotFoundException("no such member"));
        return User.withUsername(member.id()).password(member.passwordHash())
                .authorities(List.of(new SimpleGrantedAuthority("ROLE_MEMBER"))).build();
    }

    /** The throttling key of an account as typed: the same for "Ann" and "ann". */
    public static String accountKey(String username) {
        return Names.handleKey(username == null ? "" : username);
    }
}
