package io.elevate.signin;

import io.elevate.ServerClock;
import io.elevate.Elevate;
import io.elevate.window.ElevationWindow;

import org.jboss.logging.Logger;
import org.keycloak.dom.saml.v2.assertion.AttributeStatementType;
import org.keycloak.dom.saml.v2.assertion.AttributeType;
import org.keycloak.dom.saml.v2.protocol.ResponseType;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperContainerModel;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.ProtocolMapperConfigException;
import org.keycloak.protocol.saml.mappers.AbstractSAMLProtocolMapper;
import org.keycloak.protocol.saml.mappers.SAMLAttributeStatementMapper;
import org.keycloak.protocol.saml.mappers.SAMLLoginResponseMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.saml.common.constants.JBossSAMLURIConstants;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the AWS attributes (Role, RoleSessionName, SourceIdentity, SessionDuration, PrincipalTag:*) for the windows
 * the {@code aws-elevation-gate} chose. It never denies (the gate does); just before writing it reads the chosen
 * windows again from the database ({@link SignInWindows#recheck}), and when they are no longer all approved and open
 * (a revoke that answered meanwhile), or the plan no longer holds, or the database cannot say (it fails closed), it
 * writes nothing, so AWS gets no role and no tags. When it writes, it also caps the assertion's
 * {@code SessionNotOnOrAfter} at the end of the earliest window ({@link SessionEnd}).
 */
public final class AwsElevationSamlMapper extends AbstractSAMLProtocolMapper implements SAMLAttributeStatementMapper,
        SAMLLoginResponseMapper, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "saml-aws-elevation-mapper";

    private static final Logger LOG = Logger.getLogger(AwsElevationSamlMapper.class);

    private final Clock clock;

    public AwsElevationSamlMapper() {
        this(ServerClock.UTC);
    }

    AwsElevationSamlMapper(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return Map.of("version", Elevate.version());
    }

    @Override
    public String getDisplayType() {
        return "AWS elevation (Elevate)";
    }

    @Override
    public String getDisplayCategory() {
        return "AttributeStatement Mapper";
    }

    @Override
    public String getHelpText() {
        return "AWS Role, RoleSessionName, SourceIdentity, SessionDuration and PrincipalTag attributes from the "
                + "approved elevation window chosen at sign-in, and SessionNotOnOrAfter capped at the window's end. "
                + "Requires the aws-elevation-gate in the client's flow.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ElevationMapperConfig.properties();
    }

    /** Refuses, when the admin saves the mapper, sign-in endpoints AWS does not have, listing each. */
    @Override
    public void validateConfig(KeycloakSession session, RealmModel realm, ProtocolMapperContainerModel client,
                               ProtocolMapperModel model) throws ProtocolMapperConfigException {
        Map<String, String> config = model.getConfig() == null ? Map.of() : model.getConfig();
        List<String> problems = new ArrayList<>(ElevationMapperConfig.of(config).endpointProblems());
        AwsAudience.problem(config).ifPresent(problems::add);
        TagSettings.retiredSetting(config).ifPresent(problems::add);
        if (!problems.isEmpty()) {
            throw new ProtocolMapperConfigException(String.join("; ", problems));
        }
    }

    @Override
    public void transformAttributeStatement(AttributeStatementType statement, ProtocolMapperModel model,
                                            KeycloakSession session, UserSessionModel userSession,
                                            AuthenticatedClientSessionModel clientSession) {
        List<String> chosen = GateNotes.windowIds(clientSession.getNote(GateNotes.WINDOW_IDS));
        if (chosen.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        UserModel user = userSession.getUser();
        SignInWindows.Check check = SignInWindows.recheck(session, userSession.getRealm(), user.getId(),
                clientSession.getClient().getId(), chosen, now);
        if (!(check instanceof SignInWindows.Check.Holds holds)) {
            LOG.warnf("No AWS attributes issued to %s: %s", user.getUsername(), ((SignInWindows.Check.Fails) check).why());
            return;
        }
        List<ElevationWindow> windows = holds.windows();
        ElevationMapperConfig config = ElevationMapperConfig.of(model.getConfig());
        ElevationAssertion.Plan plan = ElevationAssertion.plan(windows, user, config,
                SignInEndpoint.of(clientSession.getClient(), model.getConfig() == null ? Map.of() : model.getConfig()),
                now);
        if (plan instanceof ElevationAssertion.Granted granted) {
            granted.attributes().forEach(attribute -> statement.addAttribute(
                    new AttributeStatementType.ASTChoiceType(toAttributeType(attribute))));
            SessionEnd.remember(session, clientSession.getId(), granted.sessionEnd());
        } else {
            LOG.warnf("Elevation assertion refused after the gate (%s); no AWS attributes issued",
                    ((ElevationAssertion.Refused) plan).problems());
        }
    }

    @Override
    public ResponseType transformLoginResponse(ResponseType response, ProtocolMapperModel model, KeycloakSession session,
                                               UserSessionModel userSession, ClientSessionContext clientSessionCtx) {
        AwsAudience.configured(model.getConfig()).filter(a -> AwsAudience.problem(model.getConfig()).isEmpty())
                .ifPresent(audience -> AwsAudience.restrict(response, audience));
        return SessionEnd.remembered(session, clientSessionCtx.getClientSession().getId())
                .map(end -> SessionEnd.cap(response, end))
                .orElse(response);
    }

    private static AttributeType toAttributeType(SamlAttribute attribute) {
        AttributeType type = new AttributeType(attribute.name());
        type.setNameFormat(JBossSAMLURIConstants.ATTRIBUTE_FORMAT_URI.get());
        attribute.values().forEach(type::addAttributeValue);
        return type;
    }
}
