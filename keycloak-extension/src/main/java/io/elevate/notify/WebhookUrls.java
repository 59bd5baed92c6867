package io.elevate.notify;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Which webhook URLs a realm may use: https, absolute, without credentials or fragment; plain http only to the loopback
 * interface (a receiver on the same host, as tests run it). Realm administrators set it; see docs/workflow.md on what
 * else a webhook URL can reach.
 */
final class WebhookUrls {

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    private WebhookUrls() {
    }

    static URI check(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            // the reason and where, never the text itself: a webhook URL's path or query may carry its secret
            throw new IllegalArgumentException("is not a URL: " + e.getReason().toLowerCase(Locale.ROOT)
                    + (e.getIndex() < 0 ? "" : " at character " + (e.getIndex() + 1)));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("must be an absolute https URL");
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("must not carry credentials or a fragment");
        }
        boolean loopback = LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT));
        if (!"https".equals(scheme) && !("http".equals(scheme) && loopback)) {
            throw new IllegalArgumentException("must be https (plain http only to 127.0.0.1 or localhost)");
        }
        return uri;
    }

    /** A URL as logs and the admin API show it: scheme, host and port only, since a path or query may carry a secret. */
    static String shown(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }
}
