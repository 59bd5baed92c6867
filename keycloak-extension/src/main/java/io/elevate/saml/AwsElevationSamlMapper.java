package io.elevate.saml;

import io.elevate.ServerClock;
import io.elevate.Elevate;
import io.elevate.login.GateNotes;
import io.elevate.window.ElevationWindow;
import io.elevate.window.StoreUnavailable;
import io.elevate.window.WindowStore;

import org.jboss.logging.Logger;
import org.keycloak.dom.saml.v2.assertion.AttributeStatementType;
import org.keycloak.dom.saml.v2.assertion.AttributeType;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.saml.mappers.AbstractSAMLProtocolMapper;
import org.keycloak.protocol.saml.mappers.SAMLAttributeStatementMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.saml.common.constants.JBossSAMLURIConstants;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Writes the AWS attributes (Role, RoleSessionName, SourceIdentity, SessionDuration, PrincipalTag:*) for the windows
 * the {@code aws-elevation-gate} chose. It never denies (the gate does); when the chosen windows are no longer all
 * open, or the plan no longer holds, or the database cannot say (it fails closed), it writes nothing, so AWS gets no
 * role and no tags.
 */
public final class AwsElevationSamlMapper extends AbstractSAMLProtocolMapper implements SAMLAttributeStatementMapper,
        ServerInfoAwareProviderFactory {

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
                + "approved elevation window chosen at sign-in. Requires the aws-elevation-gate in the client's flow.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ElevationMapperConfig.properties();
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
        List<ElevationWindow> windows;
        try {
            windows = new WindowStore(session, userSession.getRealm())
                    .openWindowsForSignIn(user.getId(), clientSession.getClient().getId(), now).stream()
                    .filter(window -> chosen.contains(window.id()))
                    .sorted(Comparator.comparingInt(window -> chosen.indexOf(window.id())))
                    .toList();
        } catch (RuntimeException e) {
            if (!StoreUnavailable.isCause(e)) {
                throw e;
            }
            LOG.errorf("Elevation window(s) %s could not be read again (%s); no AWS attributes issued", chosen, e);
            return;
        }
        if (windows.size() != chosen.size()) {
            LOG.warnf("Elevation window(s) %s closed between the gate and the assertion; no AWS attributes issued", chosen);
            return;
        }
        ElevationMapperConfig config = ElevationMapperConfig.of(model.getConfig());
        ElevationAssertion.Plan plan = ElevationAssertion.plan(windows, user, config, now);
        if (plan instanceof ElevationAssertion.Granted granted) {
            granted.attributes().forEach(attribute -> statement.addAttribute(
                    new AttributeStatementType.ASTChoiceType(toAttributeType(attribute))));
        } else {
            LOG.warnf("Elevation assertion refused after the gate (%s); no AWS attributes issued",
                    ((ElevationAssertion.Refused) plan).problems());
        }
    }

    private static AttributeType toAttributeType(SamlAttribute attribute) {
        AttributeType type = new AttributeType(attribute.name());
        type.setNameFormat(JBossSAMLURIConstants.ATTRIBUTE_FORMAT_URI.get());
        attribute.values().forEach(type::addAttributeValue);
        return type;
    }
}
