package org.behalf.identity.signin;

import jakarta.servlet.http.HttpServletRequest;

import org.behalf.audit.api.ActivityEvent;
import org.behalf.audit.api.ActivityRecorder;
import org.behalf.identity.api.SecondFactor;
import org.behalf.identity.member.MemberPasswords;
import org.behalf.identity.member.MemberSignIn;
import org.behalf.kernel.TextField;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
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
    private final MemberSignIn members;
    private final SignInThrottle throttle;
    private final ActivityRecorder activity;
    private final TransactionTemplate transactions;
    private final SecondFactor secondFactor;

    ThrottledSignIn(MemberSignIn members, MemberPasswords hashing, SignInThrottle throttle, ActivityRecorder activity,
                    TransactionTemplate transactions, SecondFactor secondFactor) {
        this.members = members;
        this.passwords = new DaoAuthenticationProvider(members);
        this.passwords.setPasswordEncoder(hashing.encoder());
        this.passwords.setHideUserNotFoundExceptions(true);
        this.throttle = throttle;
        this.activity = activity;
        this.transactions = transactions;
        this.secondFactor = secondFactor;
    }

    /** Browser-session attributes read by the account's session list. */
    public static final String SIGNED_IN_DEVICE = "behalf.signedIn.device";
    public static final String SIGNED_IN_ADDRESS = "behalf.signedIn.address";

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String account = members.throttleKey(authentication.getName());
        String address = address();
        // Counted before the password is checked, atomically in the database: a burst of parallel
        // guesses all count, and none past the limit is checked (SECURITY-CASES 29).
        java.time.Duration wait = throttle.wait(account, address);
        if (wait != null) {
            throw new SignInThrottled(wait);
        }
        try {
            Authentication result = passwords.authenticate(authentication);
            // Issue 3: with two-step sign-in on, the password alone is not enough; the answer to a
            // missing or wrong code is the same as to a wrong password (SECURITY-CASES 27).
            if (secondFactor.enabled(result.getName()) && !secondFactor.verify(result.getName(), parameter("code"))) {
                throw new BadCredentialsException("Bad credentials");
            }
            throttle.succeeded(account, address);
            recordSignIn(result.getName());
            return result;
        } catch (AuthenticationException e) {
            throw new BadCredentialsException("Bad credentials");
        }
    }

    /**
     * A sign-in is a security-relevant action of the holder (DESIGN.md section 2 rule 6). Only
     * successes are written: writing failures for existing accounts only would make a failed
     * sign-in slower for an account that exists (SECURITY-CASES 27); the throttle counts failures.
     */
    private void recordSignIn(String memberId) {
        ActivityEvent.RequestInfo request = ActivityEvent.RequestInfo.NONE;
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            String agent = attributes.getRequest().getHeader("User-Agent");
            request = new ActivityEvent.RequestInfo(attributes.getRequest().getRemoteAddr(),
                    TextField.cut(agent, 512), null);
            // Shown in the member's list of where they are signed in (issue 18): the device in words
            // and the address it signed in from, kept with the browser session they describe.
            attributes.getRequest().getSession().setAttribute(SIGNED_IN_DEVICE, Devices.describe(agent));
            attributes.getRequest().getSession().setAttribute(SIGNED_IN_ADDRESS, attributes.getRequest().getRemoteAddr());
        }
        ActivityEvent.RequestInfo info = request;
        transactions.executeWithoutResult(status -> activity.record(new ActivityEvent(memberId,
                new ActivityEvent.Actor(ActivityEvent.Actor.Kind.HOLDER, memberId), null, null, "account.sign_in", null,
                ActivityEvent.Outcome.SUCCESS, null, java.util.List.of(), info)));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static String parameter(String name) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return attributes.getRequest().getParameter(name);
        }
        return null;
    }

    private static String address() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return "unknown";
    }
}
