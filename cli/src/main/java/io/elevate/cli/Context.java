package io.elevate.cli;

import io.elevate.cli.api.ElevationApi;
import io.elevate.cli.login.Session;
import io.elevate.cli.login.TokenCache;

/** What the commands of one run share: the environment, the settings, the HTTP client and the signed-in session. */
public final class Context {

    private final Environment environment;
    private final Settings settings;
    private final Http http = new Http();
    private Session session;

    public Context(Environment environment) {
        this.environment = environment;
        this.settings = new Settings(environment);
    }

    public Environment environment() {
        return environment;
    }

    public Settings settings() {
        return settings;
    }

    public Http http() {
        return http;
    }

    public TokenCache tokenCache() {
        return new TokenCache(environment.elevateHome());
    }

    public Session session() {
        if (session == null) {
            session = new Session(tokenCache(), http, environment.clock());
        }
        return session;
    }

    /** The elevation API of the realm the user signed in to. */
    public ElevationApi api() {
        return new ElevationApi(session(), http);
    }
}
