package org.behalf.identity.api;

import org.behalf.kernel.ClientAddress;

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
    public static final String ID = ClientAddress.CONSOLE_CLIENT_ID;

    /** Where the console receives authorization codes, relative to the URL it is reached at. */
    public static final String CALLBACK_PATH = "/console/callback";
}
