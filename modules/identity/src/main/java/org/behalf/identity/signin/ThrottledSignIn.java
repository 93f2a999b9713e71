package org.behalf.identity.signin;

import jakarta.servlet.http.HttpServletRequest;

import org.behalf.identity.member.MemberPasswords;
import org.behalf.identity.member.MemberSignIn;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Password sign-in with brute-force protection. Spring's {@link DaoAuthenticationProvider} already
 * hashes a dummy password for unknown accounts, so that timing does not tell whether an account
 * exists; every failure answers "bad credentials", never "no such account".
 */
@Component
public class ThrottledSignIn implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwords;
    private final SignInThrottle throttle;

    ThrottledSignIn(MemberSignIn members, MemberPasswords hashing, SignInThrottle throttle) {
        this.passwords = new DaoAuthenticationProvider(members);
        this.passwords.setPasswordEncoder(hashing.encoder());
        this.passwords.setHideUserNotFoundExceptions(true);
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String account = MemberSignIn.accountKey(authentication.getName());
        String address = address();
        if (throttle.blocked(account, address)) {
            throw new BadCredentialsException("Bad credentials");
        }
        try {
            Authentication result = passwords.authenticate(authentication);
            throttle.succeeded(account);
            return result;
        } catch (AuthenticationException e) {
            throttle.failed(account, address);
            throw new BadCredentialsException("Bad credentials");
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static String address() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return "unknown";
    }
}
