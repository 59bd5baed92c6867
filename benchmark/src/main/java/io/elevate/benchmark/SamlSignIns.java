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
        Page page = browsers.get(0).open(url);
        SamlPost post = SamlPost.from(page)
                .orElseThrow(() -> new IllegalStateException("No SAML Response from " + url));
        return SamlAttributes.of(post.response()).containsKey(ROLE);
    }

    /**
     * Alternates sign-ins to {@code a} and {@code b}, user after user, swapping which goes first every other round;
     * the first {@code warmup} pairs are not recorded.
     */
    List<List<Long>> interleave(String a, String b, int warmup, int pairs) {
        List<Long> first = new ArrayList<>(pairs);
        List<Long> second = new ArrayList<>(pairs);
        int users = browsers.size();
        for (int i = 0; i < warmup + pairs; i++) {
            Browser browser = browsers.get(i % users);
            boolean aFirst = (i / users + i) % 2 == 0;
            long ta = aFirst ? time(browser, a) : 0;
            long tb = time(browser, b);
            if (!aFirst) {
                ta = time(browser, a);
            }
            if (i >= warmup) {
                first.add(ta);
                second.add(tb);
            }
        }
        return List.of(first, second);
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
