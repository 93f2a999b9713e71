package org.behalf.identity.signin;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per account and per client address in the database, so that every node
 * sees the same counts (SECURITY-CASES 29). Past the limit within the window, sign-in is refused
 * whatever the password, with the same answer as a wrong password; keys are the names as typed,
 * so an unknown account is throttled exactly like a known one (SECURITY-CASES 27).
 */
@Component
class SignInThrottle {

    private final WindowCounts counts;
    private final int perAccount;
    private final int perAddress;
    private final Duration window;

    SignInThrottle(WindowCounts counts,
                   @Value("${behalf.identity.sign-in.max-failures-per-account:10}") int perAccount,
                   @Value("${behalf.identity.sign-in.max-failures-per-address:100}") int perAddress,
                   @Value("${behalf.identity.sign-in.window:15m}") Duration window) {
        this.counts = counts;
        this.perAccount = perAccount;
        this.perAddress = perAddress;
        this.window = window;
    }

    boolean blocked(String account, String address) {
        return counts.current("acct:" + account, window) >= perAccount || counts.current("addr:" + address, window) >= perAddress;
    }

    void failed(String account, String address) {
        counts.increment("acct:" + account, window);
        counts.increment("addr:" + address, window);
    }

    void succeeded(String account) {
        counts.reset("acct:" + account);
    }
}
