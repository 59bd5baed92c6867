package io.elevate.signin;

import io.elevate.testing.Elevations;
import io.elevate.testing.browser.Browser;
import io.elevate.testing.browser.Page;
import io.elevate.testing.saml.SamlPost;
import io.elevate.testing.saml.SamlVerifier;
import io.elevate.testing.server.AdminApi;
import io.elevate.testing.server.KeycloakServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opensaml.core.xml.XMLObject;
import org.opensaml.core.xml.schema.XSAny;
import org.opensaml.core.xml.schema.XSString;
import org.opensaml.saml.saml2.core.Assertion;
import org.opensaml.saml.saml2.core.Audience;
import org.opensaml.saml.saml2.core.AudienceRestriction;
import org.opensaml.saml.saml2.core.AuthnStatement;
import org.opensaml.saml.saml2.core.EncryptedAssertion;
import org.opensaml.saml.saml2.core.Response;
import org.opensaml.saml.saml2.encryption.Decrypter;
import org.opensaml.saml.saml2.encryption.EncryptedElementTypeEncryptedKeyResolver;
import org.opensaml.saml.security.impl.SAMLSignatureProfileValidator;
import org.opensaml.security.credential.BasicCredential;
import org.opensaml.security.x509.BasicX509Credential;
import org.opensaml.xmlsec.encryption.support.ChainingEncryptedKeyResolver;
import org.opensaml.xmlsec.encryption.support.InlineEncryptedKeyResolver;
import org.opensaml.xmlsec.keyinfo.impl.StaticKeyInfoCredentialResolver;
import org.opensaml.xmlsec.signature.support.SignatureValidator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.elevate.testing.server.ElevateBuild.DEMO_REALM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The demo realm's second AWS client, {@code amazon-aws-encrypted}: its assertion reaches AWS only encrypted for the
 * IAM SAML provider's key, at the consumer URL that carries the provider's IdP id, and decrypted with the matching
 * private key it carries everything Elevate writes.
 */
@ExtendWith(KeycloakServer.class)
@DisplayName("Signing in to AWS through a client with encrypted assertions")
class EncryptedAssertionIT {

    private static final String AWS = "https://aws.amazon.com/SAML/Attributes/";
    private static final String ACS = "https://signin.aws.amazon.com/saml/acs/SAMLSPDEMOENCRYPTED01";
    private static final Path PRIVATE_KEY = Path.of(System.getProperty("elevate.root", ".."))
            .resolve("realm-config/aws/demo-assertion-encryption-key.pem");

    private KeycloakServer server;
    private Elevations elevations;
    private String user;

    @BeforeEach
    void setUp(KeycloakServer server, AdminApi admin) {
        this.server = server;
        this.elevations = new Elevations(admin);
        this.user = elevations.newUser("enc");
    }

    @Test
    void postsOnlyTheEncryptedAssertionWhichCarriesEveryAttributeOfTheWindow() throws Exception {
        Map<String, Object> body = Elevations.window(user, Duration.ofMinutes(50));
        body.put("client", "amazon-aws-encrypted");
        String windowId = elevations.grant(body);
        Instant endsAt = Instant.parse((String) body.get("endsAt"));

        Page login = new Browser().open(server.baseUrl() + "/realms/" + DEMO_REALM
                + "/protocol/saml/clients/amazon-aws-encrypted");
        Page page = login.submit("#kc-form-login", Map.of("username", user, "password", Elevations.PASSWORD));
        SamlPost post = SamlPost.from(page).orElseThrow(() -> new AssertionError(
                "Expected the SAML POST to AWS, got " + page.status() + " " + page.url() + ": " + page.text()));
        Response response = post.response();
        SamlVerifier verifier = SamlVerifier.forRealm(server.baseUrl(), DEMO_REALM);
        verifier.verify(response);

        assertThat(post.acsUrl()).hasToString(ACS);
        assertThat(response.getDestination()).isEqualTo(ACS);
        assertThat(response.getAssertions()).as("no plaintext assertion").isEmpty();
        assertThat(response.getEncryptedAssertions()).hasSize(1);
        assertThat(post.xml()).doesNotContain("PrincipalTag", "RoleSessionName", windowId, user,
                "ElevateSessionManager", ":Assertion ");

        Assertion assertion = decrypt(response.getEncryptedAssertions().get(0));
        verifySignature(assertion, verifier.signingCertificates());
        Map<String, List<String>> attributes = attributes(assertion);
        assertThat(attributes).containsEntry(AWS + "Role", List.of(
                "arn:aws:iam::123456789012:role/ElevateSessionManager,arn:aws:iam::123456789012:saml-provider/Keycloak"));
        assertThat(attributes).containsEntry(AWS + "RoleSessionName", List.of(user));
        assertThat(attributes).containsEntry(AWS + "SourceIdentity", List.of(user));
        assertThat(Long.parseLong(attributes.get(AWS + "SessionDuration").get(0)))
                .isCloseTo(Duration.between(Instant.now(), endsAt).getSeconds(), within(10L));
        assertThat(attributes).containsEntry(AWS + "PrincipalTag:AppGroupName", List.of("webserver"));
        assertThat(attributes).containsEntry(AWS + "PrincipalTag:AppId", List.of("ABC"));
        assertThat(attributes).containsEntry(AWS + "PrincipalTag:ReleaseId", List.of("1.0"));
        assertThat(attributes).containsEntry(AWS + "PrincipalTag:ElevationId", List.of(windowId));
        assertThat(attributes.keySet().stream().filter(name -> name.startsWith(AWS))).hasSize(8);
        assertThat(assertion.getConditions().getAudienceRestrictions()).flatExtracting(AudienceRestriction::getAudiences)
                .extracting(Audience::getURI).containsExactly("urn:amazon:webservices");
        assertThat(assertion.getSubject().getSubjectConfirmations().get(0).getSubjectConfirmationData()
                .getRecipient()).isEqualTo(ACS);
        AuthnStatement authn = assertion.getAuthnStatements().get(0);
        assertThat(authn.getSessionNotOnOrAfter()).isCloseTo(endsAt, within(1, ChronoUnit.SECONDS));
    }

    private static Assertion decrypt(EncryptedAssertion encrypted) throws Exception {
        String pem = Files.readString(PRIVATE_KEY).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        RSAPrivateCrtKey crt = (RSAPrivateCrtKey) privateKey;
        PublicKey publicKey = rsa.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        Decrypter decrypter = new Decrypter(null,
                new StaticKeyInfoCredentialResolver(new BasicCredential(publicKey, privateKey)),
                new ChainingEncryptedKeyResolver(List.of(new InlineEncryptedKeyResolver(),
                        new EncryptedElementTypeEncryptedKeyResolver())));
        decrypter.setRootInNewDocument(true);
        return decrypter.decrypt(encrypted);
    }

    private static void verifySignature(Assertion assertion, List<X509Certificate> certificates) throws Exception {
        assertThat(assertion.getSignature()).as("the decrypted assertion is signed").isNotNull();
        new SAMLSignatureProfileValidator().validate(assertion.getSignature());
        List<String> failures = new ArrayList<>();
        for (X509Certificate certificate : certificates) {
            try {
                SignatureValidator.validate(assertion.getSignature(), new BasicX509Credential(certificate));
                return;
            } catch (org.opensaml.xmlsec.signature.support.SignatureException e) {
                failures.add(e.getMessage());
            }
        }
        throw new AssertionError("The decrypted assertion's signature does not validate: " + failures);
    }

    private static Map<String, List<String>> attributes(Assertion assertion) {
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        assertion.getAttributeStatements().forEach(statement -> statement.getAttributes().forEach(attribute ->
                attribute.getAttributeValues().forEach(value -> attributes
                        .computeIfAbsent(attribute.getName(), name -> new ArrayList<>()).add(text(value)))));
        return attributes;
    }

    private static String text(XMLObject value) {
        if (value instanceof XSString string) {
            return string.getValue();
        }
        if (value instanceof XSAny any) {
            return any.getTextContent();
        }
        return value.getDOM() == null ? String.valueOf(value) : value.getDOM().getTextContent();
    }
}
