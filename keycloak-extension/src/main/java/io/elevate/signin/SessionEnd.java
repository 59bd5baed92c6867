package io.elevate.signin;

import org.keycloak.dom.saml.v2.assertion.AssertionType;
import org.keycloak.dom.saml.v2.assertion.AuthnStatementType;
import org.keycloak.dom.saml.v2.protocol.ResponseType;
import org.keycloak.models.KeycloakSession;

import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.GregorianCalendar;
import java.util.Optional;

/**
 * The assertion's {@code SessionNotOnOrAfter} capped at the end of the window: Keycloak sets it to the realm's SSO
 * session maximum, and AWS ends the session at the lower of it and {@code SessionDuration}. The mapper's attribute
 * step remembers the end for this request; its response step caps the AuthnStatement with it.
 */
final class SessionEnd {

    private static final String ATTRIBUTE = "elevate.session-end.";
    private static final DatatypeFactory XML_TIME;

    static {
        try {
            XML_TIME = DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private SessionEnd() {
    }

    /** Remembers the window's end for the rest of this request (never stored beyond it). */
    static void remember(KeycloakSession session, String clientSessionId, Instant end) {
        session.setAttribute(ATTRIBUTE + clientSessionId, end);
    }

    static Optional<Instant> remembered(KeycloakSession session, String clientSessionId) {
        return Optional.ofNullable(session.getAttribute(ATTRIBUTE + clientSessionId, Instant.class));
    }

    /** Sets every AuthnStatement's {@code SessionNotOnOrAfter} to {@code end} where it is later or missing. */
    static ResponseType cap(ResponseType response, Instant end) {
        XMLGregorianCalendar capped = xml(end);
        for (ResponseType.RTChoiceType choice : response.getAssertions()) {
            AssertionType assertion = choice.getAssertion();
            if (assertion == null) {
                continue;
            }
            assertion.getStatements().stream()
                    .filter(AuthnStatementType.class::isInstance)
                    .map(AuthnStatementType.class::cast)
                    .forEach(statement -> {
                        XMLGregorianCalendar current = statement.getSessionNotOnOrAfter();
                        if (current == null || current.toGregorianCalendar().toInstant().isAfter(end)) {
                            statement.setSessionNotOnOrAfter(capped);
                        }
                    });
        }
        return response;
    }

    static XMLGregorianCalendar xml(Instant instant) {
        return XML_TIME.newXMLGregorianCalendar(GregorianCalendar.from(instant.atZone(ZoneOffset.UTC)));
    }
}
