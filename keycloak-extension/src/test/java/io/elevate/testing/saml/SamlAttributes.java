package io.elevate.testing.saml;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.opensaml.core.xml.XMLObject;
import org.opensaml.core.xml.schema.XSAny;
import org.opensaml.core.xml.schema.XSString;
import org.opensaml.saml.saml2.core.Assertion;
import org.opensaml.saml.saml2.core.Attribute;
import org.opensaml.saml.saml2.core.AttributeStatement;
import org.opensaml.saml.saml2.core.Audience;
import org.opensaml.saml.saml2.core.AudienceRestriction;
import org.opensaml.saml.saml2.core.AuthnStatement;
import org.opensaml.saml.saml2.core.Issuer;
import org.opensaml.saml.saml2.core.NameID;
import org.opensaml.saml.saml2.core.Response;
import org.opensaml.saml.saml2.core.Subject;

/** Reads what tests assert on from a SAML Response: attributes, issuer, audiences, NameID and session end. */
public final class SamlAttributes {

    private SamlAttributes() {
    }

    /**
     * Every attribute of every attribute statement of every (unencrypted) assertion, by attribute {@code Name}, with
     * the values as text in document order; an attribute repeated across statements has its values concatenated.
     */
    public static Map<String, List<String>> of(Response response) {
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        for (Assertion assertion : response.getAssertions()) {
            for (AttributeStatement statement : assertion.getAttributeStatements()) {
                for (Attribute attribute : statement.getAttributes()) {
                    List<String> values = attributes.computeIfAbsent(attribute.getName(), name -> new ArrayList<>());
                    attribute.getAttributeValues().forEach(value -> values.add(text(value)));
                }
            }
        }
        attributes.replaceAll((name, values) -> Collections.unmodifiableList(values));
        return Collections.unmodifiableMap(attributes);
    }

    /** The issuer of the response, or of its assertion when the response names none. */
    public static String issuer(Response response) {
        Issuer issuer = response.getIssuer() != null ? response.getIssuer() : assertion(response).getIssuer();
        if (issuer == null) {
            throw new AssertionError("SAML Response " + response.getID() + " names no issuer");
        }
        return issuer.getValue();
    }

    /** The audiences the assertion is restricted to, in document order. */
    public static List<String> audiences(Response response) {
        Assertion assertion = assertion(response);
        if (assertion.getConditions() == null) {
            return List.of();
        }
        return assertion.getConditions().getAudienceRestrictions().stream()
                .map(AudienceRestriction::getAudiences)
                .flatMap(List::stream)
                .map(Audience::getURI)
                .toList();
    }

    /** The NameID of the assertion's subject. */
    public static String nameId(Response response) {
        Subject subject = assertion(response).getSubject();
        NameID nameId = subject == null ? null : subject.getNameID();
        if (nameId == null) {
            throw new AssertionError("The assertion of SAML Response " + response.getID() + " has no subject NameID");
        }
        return nameId.getValue();
    }

    /** The {@code SessionNotOnOrAfter} of the assertion's authentication statement, if it sets one. */
    public static Optional<Instant> sessionNotOnOrAfter(Response response) {
        return assertion(response).getAuthnStatements().stream()
                .map(AuthnStatement::getSessionNotOnOrAfter)
                .filter(Objects::nonNull)
                .findFirst();
    }

    /** The single plain-text assertion a Keycloak response carries. */
    private static Assertion assertion(Response response) {
        List<Assertion> assertions = response.getAssertions();
        if (assertions.size() != 1) {
            throw new AssertionError("Expected one unencrypted assertion in SAML Response " + response.getID()
                    + " but found " + assertions.size() + " (and " + response.getEncryptedAssertions().size() + " encrypted)");
        }
        return assertions.get(0);
    }

    private static String text(XMLObject value) {
        if (value instanceof XSString string) {
            return string.getValue();
        }
        if (value instanceof XSAny any) {
            return any.getTextContent();
        }
        // Other schema types (xs:anyURI, xs:integer, ...): the element's text as written.
        return value.getDOM() != null ? value.getDOM().getTextContent() : value.toString();
    }
}
