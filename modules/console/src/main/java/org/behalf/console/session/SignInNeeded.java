package org.behalf.console.session;

/** The console holds no working token for this browser: the member goes through sign-in again. */
public class SignInNeeded extends RuntimeException {

    public SignInNeeded() {
        super(null, null, false, false);
    }
}
