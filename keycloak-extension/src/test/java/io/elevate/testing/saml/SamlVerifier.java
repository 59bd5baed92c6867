package io.elevate.testing.saml;

import io.elevate.testing.TestHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.opensaml.saml.common.xml.SAMLConstants;
import org.opensaml.saml.saml2.core.Assertion;
import org.opensaml.saml.saml2.core.Response;
import org.opensaml.saml.saml2.metadata.EntityDescriptor;
import org.opensaml.saml.saml2.metadata.IDPSSODescriptor;
import org.opensaml.saml.saml2.metadata.KeyDescriptor;
import org.opensaml.saml.security.impl.SAMLSignatureProfileValidator;
import org.opensaml.security.credential.UsageType;
import org.opensaml.security.x509.BasicX509Credential;
import org.opensaml.xmlsec.keyinfo.KeyInfoSupport;
import org.opensaml.xmlsec.signature.Signature;
import org.opensaml.xmlsec.signature.support.SignatureException;
import org.opensaml.xmlsec.signature.support.SignatureValidator;

/** Checks SAML Response signatures against the signing certificates a Keycloak realm publishes in its IdP metadata. */
public final class SamlVerifier {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final List<X509Certificate> signingCertificates;

    /** A verifier trusting exactly {@code signingCertificates}. */
    public SamlVerifier(List<X509Certificate> signingCertificates) {
        if (signingCertificates.isEmpty()) {
            throw new IllegalArgumentException("At least one signing certificate is needed");
        }
        this.signingCertificates = List.copyOf(signingCertificates);
    }

    /**
     * A verifier trusting the signing certificates of {@code realm}, read from {@code {baseUrl}/realms/{realm}/protocol/saml/descriptor}.
     *
     * @throws IllegalStateException if the descriptor cannot be fetched or lists no signing certificate
     */
    public static SamlVerifier forRealm(String baseUrl, String realm) {
        URI descriptorUrl = URI.create(baseUrl + "/realms/" + realm + "/protocol/saml/descriptor");
        EntityDescriptor descriptor = OpenSaml.unmarshal(fetch(descriptorUrl), EntityDescriptor.class);
        IDPSSODescriptor idp = descriptor.getIDPSSODescriptor(SAMLConstants.SAML20P_NS);
        if (idp == null) {
            throw new IllegalStateException(descriptorUrl + " describes no SAML 2.0 identity provider");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (KeyDescriptor key : idp.getKeyDescriptors()) {
            if (key.getUse() != UsageType.ENCRYPTION && key.getKeyInfo() != null) {
                try {
                    certificates.addAll(KeyInfoSupport.getCertificates(key.getKeyInfo()));
                } catch (CertificateException e) {
                    throw new IllegalStateException(descriptorUrl + " lists an unreadable certificate", e);
                }
            }
        }
        if (certificates.isEmpty()) {
            throw new IllegalStateException(descriptorUrl + " lists no signing certificate");
        }
        return new SamlVerifier(certificates);
    }

    /** The certificates signatures are checked against. */
    public List<X509Certificate> signingCertificates() {
        return signingCertificates;
    }

    /**
     * Verifies that {@code response} is signed, and that its signature and those of any signed assertions follow the
     * SAML signature profile and validate against one of the signing certificates.
     *
     * @throws AssertionError describing the first signature that is missing or invalid
     */
    public void verify(Response response) {
        if (response.getSignature() == null) {
            throw new AssertionError("SAML Response " + response.getID() + " is not signed");
        }
        verify(response.getSignature(), "SAML Response " + response.getID());
        for (Assertion assertion : response.getAssertions()) {
            if (assertion.getSignature() != null) {
                verify(assertion.getSignature(), "SAML Assertion " + assertion.getID());
            }
        }
    }

    private void verify(Signature signature, String signedObject) {
        try {
            new SAMLSignatureProfileValidator().validate(signature);
        } catch (SignatureException e) {
            throw new AssertionError("The signature of " + signedObject + " violates the SAML signature profile: "
                    + e.getMessage(), e);
        }
        List<String> failures = new ArrayList<>();
        for (X509Certificate certificate : signingCertificates) {
            try {
                SignatureValidator.validate(signature, new BasicX509Credential(certificate));
                return;
            } catch (SignatureException e) {
                failures.add(certificate.getSubjectX500Principal().getName() + ": " + e.getMessage());
            }
        }
        throw new AssertionError("The signature of " + signedObject + " does not validate against the realm's signing "
                + "certificates: " + String.join("; ", failures));
    }

    private static byte[] fetch(URI url) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build();
        try {
            HttpResponse<byte[]> response = TestHttp.builder().connectTimeout(TIMEOUT).build()
                    .send(request, BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + url + " answered HTTP " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during GET " + url, e);
        }
    }
}
