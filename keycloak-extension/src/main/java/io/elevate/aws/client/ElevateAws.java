package io.elevate.aws.client;

import org.keycloak.provider.Provider;

/**
 * The server's way to AWS, from a {@code KeycloakSession}: {@code session.getProvider(ElevateAws.class)}. One set of
 * clients serves the whole server; see {@link AwsSettings} for what is configured and where.
 */
public final class ElevateAws implements Provider {

    private final AwsClients clients;

    ElevateAws(AwsClients clients) {
        this.clients = clients;
    }

    /** Whether this server calls AWS at all. */
    public boolean enabled() {
        return clients.settings().enabled();
    }

    public AwsClients clients() {
        return clients;
    }

    @Override
    public void close() {
        // the clients belong to the factory and outlive the session
    }
}
