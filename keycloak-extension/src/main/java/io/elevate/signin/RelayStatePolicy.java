package io.elevate.signin;

import io.elevate.AwsPartition;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * Which RelayState a caller may ask for: only an https URL on an allowed AWS console host, so the IdP never becomes an
 * open redirect. A host entry is exact ({@code console.aws.amazon.com}) or a subdomain wildcard
 * ({@code *.console.aws.amazon.com}).
 */
final class RelayStatePolicy {

    static final List<String> COMMERCIAL_CONSOLE_HOSTS = AwsPartition.AWS.consoleHosts();

    private final List<String> allowedHosts;

    RelayStatePolicy(List<String> allowedHosts) {
        this.allowedHosts = allowedHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty())
                .toList();
    }

    boolean allows(String relayState) {
        URI uri;
        try {
            uri = new URI(relayState);
        } catch (URISyntaxException e) {
            return false;
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getRawUserInfo() != null || uri.getHost() == null
                || (uri.getPort() != -1 && uri.getPort() != 443)) {
            return false;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return allowedHosts.stream().anyMatch(allowed -> matches(allowed, host));
    }

    private static boolean matches(String allowed, String host) {
        if (allowed.startsWith("*.")) {
            String suffix = allowed.substring(1);
            return host.endsWith(suffix) && host.length() > suffix.length();
        }
        return host.equals(allowed);
    }
}
