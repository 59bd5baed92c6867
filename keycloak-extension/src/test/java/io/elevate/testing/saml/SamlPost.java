package io.elevate.testing.saml;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.elevate.testing.browser.Page;
import java.net.URI;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jsoup.nodes.Element;
import org.opensaml.saml.saml2.core.Response;

/**
 * A SAML Response delivered with the HTTP-POST binding: Keycloak's self-submitting page with a form posting the
 * hidden fields {@code SAMLResponse} and, optionally, {@code RelayState} to the service provider's ACS URL.
 */
public final class SamlPost {

    private final URI acsUrl;
    private final String relayState;
    private final String encodedResponse;
    private final byte[] xml;
    private final Response response;

    private SamlPost(URI acsUrl, String relayState, String encodedResponse) {
        this.acsUrl = acsUrl;
        this.relayState = relayState;
        this.encodedResponse = encodedResponse;
        this.xml = Base64.getMimeDecoder().decode(encodedResponse);
        this.response = OpenSaml.unmarshal(xml, Response.class);
    }

    /**
     * Reads the SAML Response posted by {@code page}, or nothing if the page posts none (e.g. it is a login form).
     *
     * @throws IllegalArgumentException if the posted value is not a base64-encoded SAML Response
     */
    public static Optional<SamlPost> from(Page page) {
        Element samlResponse = page.document().selectFirst("form input[name=SAMLResponse]");
        if (samlResponse == null) {
            return Optional.empty();
        }
        Element form = samlResponse.closest("form");
        Map<String, String> fields = new LinkedHashMap<>();
        form.select("input[name]").forEach(input -> fields.putIfAbsent(input.attr("name"), input.val()));
        String action = form.absUrl("action");
        return Optional.of(fromForm(URI.create(action.isEmpty() ? page.url().toString() : action), fields));
    }

    /**
     * The SAML Response of a form POST as the service provider received it at {@code acsUrl}: the decoded form
     * fields {@code SAMLResponse} and, optionally, {@code RelayState}.
     *
     * @throws IllegalArgumentException if there is no {@code SAMLResponse} field, or it is not a base64-encoded SAML Response
     */
    public static SamlPost fromForm(URI acsUrl, Map<String, String> fields) {
        String samlResponse = fields.get("SAMLResponse");
        if (samlResponse == null) {
            throw new IllegalArgumentException("The form posted to " + acsUrl + " has no SAMLResponse field, only "
                    + fields.keySet());
        }
        return new SamlPost(acsUrl, fields.get("RelayState"), samlResponse);
    }

    /** Where the response is posted: the service provider's assertion consumer service. */
    public URI acsUrl() {
        return acsUrl;
    }

    /** The posted RelayState, or {@code null} if there is none. */
    public String relayState() {
        return relayState;
    }

    /** The length of the posted base64 value (AWS STS AssumeRoleWithSAML accepts at most 100,000 characters). */
    public int base64Length() {
        return encodedResponse.length();
    }

    /** The response XML, as posted. */
    public String xml() {
        return new String(xml, UTF_8);
    }

    /** The unmarshalled response, its DOM kept so that {@link SamlVerifier} can check signatures. */
    public Response response() {
        return response;
    }

    @Override
    public String toString() {
        return "SamlPost[" + acsUrl + ", " + base64Length() + " base64 characters]";
    }
}
