package io.elevate.testing;

import io.elevate.testing.browser.Browser;
import io.elevate.testing.browser.Page;
import io.elevate.testing.saml.SamlPost;

import java.net.URLEncoder;
import java.util.Map;
import java.util.Optional;

import static io.elevate.testing.server.ElevateBuild.DEMO_REALM;
import static java.nio.charset.StandardCharsets.UTF_8;

/** Page object of the IdP-initiated AWS sign-in: the company's "AWS" link, Keycloak's login form, the gate's pages. */
public final class AwsSignIn {

    public static final String IDP_INITIATED_PATH = "/realms/" + DEMO_REALM + "/protocol/saml/clients/amazon-aws";

    private final Browser browser = new Browser();
    private final String baseUrl;

    public AwsSignIn(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Follows the AWS link and signs in; returns the page the user lands on before anything is posted to AWS. */
    public Page signIn(String username, String password) {
        return signIn(username, password, null);
    }

    public Page signIn(String username, String password, String relayState) {
        String url = baseUrl + IDP_INITIATED_PATH
                + (relayState == null ? "" : "?RelayState=" + URLEncoder.encode(relayState, UTF_8));
        Page login = browser.open(url);
        return login.submit("#kc-form-login", Map.of("username", username, "password", password));
    }

    /** Follows the AWS link again with the SSO session this browser already has. */
    public Page again() {
        return browser.open(baseUrl + IDP_INITIATED_PATH);
    }

    /** On the picker, chooses a window (its id, or "all") and continues. */
    public static Page pick(Page picker, String choice) {
        return picker.submit("#elevate-pick", Map.of("window", choice));
    }

    public static Optional<SamlPost> samlPost(Page page) {
        return SamlPost.from(page);
    }
}
