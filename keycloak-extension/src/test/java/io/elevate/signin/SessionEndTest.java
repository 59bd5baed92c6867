package io.elevate.signin;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.keycloak.dom.saml.v2.assertion.AssertionType;
import org.keycloak.dom.saml.v2.assertion.AuthnStatementType;
import org.keycloak.dom.saml.v2.protocol.ResponseType;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The assertion's SessionNotOnOrAfter")
class SessionEndTest {

    private static final Instant ISSUED = Instant.parse("2026-03-01T08:00:00Z");
    private static final Instant WINDOW_END = Instant.parse("2026-03-01T08:40:00Z");

    @Nested
    @DisplayName("given Keycloak's SSO maximum, ten hours after sign-in")
    class LaterThanTheWindow {

        @Test
        void isCappedAtTheWindowsEnd() {
            AuthnStatementType statement = authn(ISSUED.plusSeconds(36_000));

            SessionEnd.cap(response(statement), WINDOW_END);

            assertThat(instant(statement)).isEqualTo(WINDOW_END);
        }
    }

    @Nested
    @DisplayName("given a session end before the window's end")
    class EarlierThanTheWindow {

        @Test
        void staysAsItIs() {
            Instant earlier = WINDOW_END.minusSeconds(60);
            AuthnStatementType statement = authn(earlier);

            SessionEnd.cap(response(statement), WINDOW_END);

            assertThat(instant(statement)).isEqualTo(earlier);
        }
    }

    @Nested
    @DisplayName("given no session end at all")
    class Missing {

        @Test
        void isSetToTheWindowsEnd() {
            AuthnStatementType statement = new AuthnStatementType(SessionEnd.xml(ISSUED));

            SessionEnd.cap(response(statement), WINDOW_END);

            assertThat(instant(statement)).isEqualTo(WINDOW_END);
        }
    }

    private static AuthnStatementType authn(Instant sessionEnd) {
        AuthnStatementType statement = new AuthnStatementType(SessionEnd.xml(ISSUED));
        statement.setSessionNotOnOrAfter(SessionEnd.xml(sessionEnd));
        return statement;
    }

    private static ResponseType response(AuthnStatementType statement) {
        AssertionType assertion = new AssertionType("a-1", SessionEnd.xml(ISSUED));
        assertion.addStatement(statement);
        ResponseType response = new ResponseType("r-1", SessionEnd.xml(ISSUED));
        response.addAssertion(new ResponseType.RTChoiceType(assertion));
        return response;
    }

    private static Instant instant(AuthnStatementType statement) {
        return statement.getSessionNotOnOrAfter().toGregorianCalendar().toInstant();
    }
}
