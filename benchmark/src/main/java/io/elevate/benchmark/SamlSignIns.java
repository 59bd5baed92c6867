package io.elevate.benchmark;

import static io.elevate.testing.server.ElevateBuild.DEMO_REALM;

import io.elevate.testing.browser.Browser;
import io.elevate.testing.browser.Page;
import io.elevate.testing.saml.SamlAttributes;
import io.elevate.testing.saml.SamlPost;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Users with an SSO session, one browser each, and timed IdP-initiated SAML sign-ins through their cookies: the
 * request to {@code /protocol/saml/clients/{name}} up to the page that auto-posts the signed SAML Response.
 */
final class SamlSignIns {

    private static final String ROLE = "https://aws.amazon.com/SAML/Attributes/Role";

    private final String baseUrl;
    private final List<Browser> browsers = new ArrayList<>();

    SamlSignIns(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    String url(String idpInitiatedName) {
        return baseUrl + "/realms/" + DEMO_REALM + "/protocol/saml/clients/" + idpInitiatedName;
    }

    /** Signs each user in once through the login form of {@code url}; their browsers keep the SSO session. */
    void logIn(List<String> usernames, String password, String url) {
        for (String username : usernames) {
            Browser browser = new Browser();
            Page login = browser.open(url);
            Page landed = login.submit("#kc-form-login", Map.of("username", username, "password", password));
            requireSamlResponse(landed, url);
            browsers.add(browser);
        }
    }

    /** Whether the response of {@code url} for the first user carries the AWS Role attribute (Elevate's mapper ran). */
    boolean issuesAwsRole(String url) {
        return attributes(url).containsKey(ROLE);
    }

    /** The attributes of the SAML assertion {@code url} issues to the first user, by name, values in order. */
    Map<String, List<String>> attributes(String url) {
        Page page = browsers.get(0).open(url);
        SamlPost post = SamlPost.from(page)
                .orElseThrow(() -> new IllegalStateException("No SAML Response from " + url));
        return SamlAttributes.of(post.response());
    }

    /**
     * Alternates sign-ins to {@code a} and {@code b}, user after user, swapping which goes first every other round;
     * the first {@code warmup} pairs are not recorded.
     */
    List<List<Long>> interleave(String a, String b, int warmup, int pairs) {
        return interleave(List.of(a, b), warmup, pairs);
    }

    /**
     * Signs in to each of {@code urls} once a round, user after user, rotating which goes first (with two, they swap
     * every other round; with three, each takes each place in turn); the first {@code warmup} rounds are not recorded.
     * One list of latencies per url, in the order of {@code urls}; element {@code i} of each list is from round
     * {@code i}, the same user within seconds, so they can be compared pair by pair.
     */
    List<List<Long>> interleave(List<String> urls, int warmup, int rounds) {
        int n = urls.size();
        List<List<Long>> recorded = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            recorded.add(new ArrayList<>(rounds));
        }
        int users = browsers.size();
        long[] times = new long[n];
        for (int i = 0; i < warmup + rounds; i++) {
            Browser browser = browsers.get(i % users);
            int first = (i / users + i) % n;
            for (int k = 0; k < n; k++) {
                int which = (first + k) % n;
                times[which] = time(browser, urls.get(which));
            }
            if (i >= warmup) {
                for (int k = 0; k < n; k++) {
                    recorded.get(k).add(times[k]);
                }
            }
        }
        return recorded;
    }

    /** {@code count} sign-ins to {@code url}, round robin over the users, untimed. */
    void repeat(String url, int count) {
        for (int i = 0; i < count; i++) {
            time(browsers.get(i % browsers.size()), url);
        }
    }

    private static long time(Browser browser, String url) {
        long start = System.nanoTime();
        Page page = browser.open(url);
        long elapsed = System.nanoTime() - start;
        requireSamlResponse(page, url);
        return elapsed;
    }

    private static void requireSamlResponse(Page page, String url) {
        if (page.status() != 200 || !page.body().contains("SAMLResponse")) {
            throw new IllegalStateException("No SAML Response from " + url + ": HTTP " + page.status() + " at "
                    + page.url() + "\n" + page.body().substring(0, Math.min(600, page.body().length())));
        }
    }
}
