package io.elevate.testing.server;

import io.elevate.testing.TestHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Keycloak's clock in the server under test, moved through the test-only {@code elevate-test-clock} provider (see
 * {@code io.elevate.testing.clock}): Elevate reads time from Keycloak ({@code io.elevate.ServerClock}), so moving it
 * shows expiry, scheduled starts and end notices at once. Use as try-with-resources: closing puts the clock back.
 */
public final class ServerTime implements AutoCloseable {

    /** The system property naming the test-clock provider jar, set by the build. */
    static final String JAR = "elevate.test.clock.jar";

    private final String url;
    private final HttpClient http = TestHttp.client();

    ServerTime(String baseUrl) {
        this.url = baseUrl + "/realms/master/elevate-test-clock/offset";
    }

    /** Moves the server's clock {@code by} ahead of real time (replacing any earlier move); returns this to close. */
    public ServerTime ahead(Duration by) {
        set(by.toSeconds());
        return this;
    }

    @Override
    public void close() {
        set(0);
    }

    private void set(long seconds) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url + "?seconds=" + seconds))
                    .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200 || !answer.body().trim().equals(String.valueOf(seconds))) {
                throw new IllegalStateException("The server's clock was not moved (is the test-clock provider "
                        + "installed?): HTTP " + answer.statusCode() + " " + answer.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
