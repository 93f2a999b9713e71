package org.behalf.identity.signin;

import java.util.Locale;

/**
 * A User-Agent header in plain words ("Chrome on Linux"), for the list of where a member is signed
 * in. Written here rather than taken from a user-agent library: the list needs only the browser
 * family and the system, which a dozen well-known tokens give, and the libraries that parse every
 * detail bring megabytes of rules. An agent it does not know is "An unknown browser or app".
 */
public final class Devices {

    private Devices() {
    }

    public static String describe(String agent) {
        if (agent == null || agent.isBlank()) {
            return "An unknown browser or app";
        }
        String a = agent.toLowerCase(Locale.ROOT);
        String browser = a.contains("edg/") ? "Edge" : a.contains("firefox/") ? "Firefox"
                : a.contains("headlesschrome/") ? "Headless Chrome" : a.contains("chromium/") ? "Chromium"
                : a.contains("chrome/") || a.contains("crios/") ? "Chrome" : a.contains("safari/") ? "Safari"
                : a.startsWith("curl/") ? "curl" : a.startsWith("java-http-client") || a.startsWith("java/") ? "A Java program"
                : a.contains("python") ? "A Python program" : null;
        String system = a.contains("iphone") ? "iPhone" : a.contains("ipad") ? "iPad" : a.contains("android") ? "Android"
                : a.contains("windows") ? "Windows" : a.contains("mac os x") || a.contains("macintosh") ? "macOS"
                : a.contains("cros") ? "ChromeOS" : a.contains("linux") ? "Linux" : null;
        if (browser == null) {
            return system == null ? "An unknown browser or app" : "A browser on " + system;
        }
        return system == null ? browser : browser + " on " + system;
    }
}
