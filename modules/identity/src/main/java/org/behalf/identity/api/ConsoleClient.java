package org.behalf.identity.api;

/**
 * The console's own confidential client (DESIGN.md section 5, "First-party clients"): the console
 * signs members in through the authorization code flow and calls the resource API with their
 * tokens, like any other client, so that its pages obey the same enforcement and leave the same
 * activity entries.
 *
 * @param clientId the client id, {@code behalf-console}
 * @param secret   its secret ({@code BEHALF_CONSOLE_CLIENT_SECRET}, the same on every node)
 */
public record ConsoleClient(String clientId, String secret) {

    /** The console's client id. */
    public static final String ID = "behalf-console";

    /**
     * The console calls the API over loopback; with this header it names the browser's address,
     * which the API believes only from loopback and only with a console token (the console's
     * tokens never leave the server), for activity entries and grants' IP ranges.
     */
    public static final String BROWSER_ADDRESS_HEADER = "X-Behalf-Browser-Address";

    /** Where the console receives authorization codes, relative to the URL it is reached at. */
    public static final String CALLBACK_PATH = "/console/callback";
}
