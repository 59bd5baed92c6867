package io.elevate.testing;

import java.net.http.HttpClient;

/**
 * The tests' HTTP clients speak HTTP/1.1. The JDK client's default, HTTP/2, tries an {@code h2c} upgrade on every
 * plain {@code http://} connection, and Keycloak's management interface once answered such an upgrade in a way the
 * client read as a broken HTTP/2 frame ({@code Frame type(103) ... exceeds MAX_FRAME_SIZE}); browsers and AWS's
 * verifiers never upgrade plain HTTP, so the tests should not either.
 */
public final class TestHttp {

    private TestHttp() {
    }

    /** A builder for an HTTP/1.1 client, for callers that set timeouts, cookies or redirects. */
    public static HttpClient.Builder builder() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
    }

    /** An HTTP/1.1 client with the JDK's other defaults. */
    public static HttpClient client() {
        return builder().build();
    }
}
