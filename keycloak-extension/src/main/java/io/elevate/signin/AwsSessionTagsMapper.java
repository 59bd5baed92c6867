package io.elevate.signin;

import io.elevate.ServerClock;
import io.elevate.Elevate;
import io.elevate.aws.SessionTag;
import io.elevate.aws.SessionTagRules;
import io.elevate.aws.SessionTags;
import io.elevate.window.ElevationWindow;

import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperContainerModel;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.ProtocolMapperConfigException;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.representations.IDToken;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OIDC side of an elevation, for {@code AssumeRoleWithWebIdentity}: the claim {@code https://aws.amazon.com/tags}
 * with the open window's session tags (numbered like the SAML mapper's, checked against the same AWS rules), and a
 * token that expires no later than the window. The windows are those the sign-in gate chose (when the client has it),
 * else the unambiguous choice among those open ({@link SignInWindows}); either way they are read again from the database
 * just before the claim is written. Unless every chosen window is still approved and open then, or when the choice is
 * ambiguous, breaks a rule or the database cannot say, there is no tags claim at all (fail closed; the token is still
 * issued, never a 500).
 */
public final class AwsSessionTagsMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, OIDCIDTokenMapper, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "oidc-aws-session-tags-mapper";
    public static final String CLAIM = "https://aws.amazon.com/tags";

    private static final Logger LOG = Logger.getLogger(AwsSessionTagsMapper.class);

    private final Clock clock;

    public AwsSessionTagsMapper() {
        this(ServerClock.UTC);
    }

    AwsSessionTagsMapper(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "AWS session tags (Elevate)";
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getHelpText() {
        return "The https://aws.amazon.com/tags claim for AssumeRoleWithWebIdentity, from the user's open elevation "
                + "window(s) of the AWS client; the token expires no later than the window.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        List<ProviderConfigProperty> properties = new ArrayList<>(TagsMapperConfig.properties());
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(properties, AwsSessionTagsMapper.class);
        return properties;
    }

    /** Refuses, when the admin saves the mapper, a setting it no longer has (role chaining is per policy now). */
    @Override
    public void validateConfig(KeycloakSession session, RealmModel realm, ProtocolMapperContainerModel client,
                               ProtocolMapperModel model) throws ProtocolMapperConfigException {
        Optional<String> retired = TagSettings.retiredSetting(model.getConfig() == null ? Map.of() : model.getConfig());
        if (retired.isPresent()) {
            throw new ProtocolMapperConfigException(retired.get());
        }
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return Map.of("version", Elevate.version());
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel model, UserSessionModel userSession,
                            KeycloakSession session, ClientSessionContext context) {
        TagsMapperConfig config = TagsMapperConfig.of(model.getConfig());
        ClientModel awsClient = userSession.getRealm().getClientByClientId(config.awsClient());
        if (awsClient == null) {
            LOG.warnf("%s: no client %s in realm %s; no tags claim", PROVIDER_ID, config.awsClient(),
                    userSession.getRealm().getName());
            return;
        }
        Instant now = clock.instant();
        String userId = userSession.getUser().getId();
        List<String> gateChoice = GateNotes.windowIds(context.getClientSession().getNote(GateNotes.WINDOW_IDS));
        SignInWindows.Check check = gateChoice.isEmpty()
                ? SignInWindows.chooseAndCheck(session, userSession.getRealm(), userId, awsClient.getId(),
                        config.rule(), now)
                : SignInWindows.recheck(session, userSession.getRealm(), userId, awsClient.getId(), gateChoice, now);
        if (!(check instanceof SignInWindows.Check.Holds holds)) {
            LOG.debugf("%s: no tags claim for %s: %s", PROVIDER_ID, userSession.getUser().getUsername(),
                    ((SignInWindows.Check.Fails) check).why());
            return;
        }
        List<ElevationWindow> chosen = holds.windows();
        if (SignInWindows.usable(chosen, config.allowShortWindows(), now).size() != chosen.size()) {
            LOG.warnf("%s: window(s) %s end too soon for an AWS session; no tags claim", PROVIDER_ID,
                    chosen.stream().map(ElevationWindow::id).toList());
            return;
        }
        List<SessionTag> tags = SessionTags.of(chosen);
        List<String> problems = new ArrayList<>(SessionTagRules.check(tags));
        problems.addAll(SessionTags.problems(chosen));
        if (!problems.isEmpty()) {
            LOG.warnf("%s: the tags of %s break AWS rules %s; no tags claim", PROVIDER_ID,
                    chosen.stream().map(ElevationWindow::id).toList(), problems);
            return;
        }
        token.getOtherClaims().put(CLAIM, claim(tags, SessionTags.transitiveKeys(chosen)));
        long end = chosen.stream().map(ElevationWindow::endsAt).min(Comparator.naturalOrder()).orElseThrow()
                .getEpochSecond();
        if (token.getExp() == null || token.getExp() > end) {
            token.exp(end);
        }
    }

    /** What the sign-in gate needs to guard an OIDC client that has this mapper: whose windows, and how many at once. */
    public record GateSettings(ClientModel windowsClient, ElevationMapperConfig config) {
    }

    public static Optional<GateSettings> gateSettings(ClientModel client) {
        return client.getProtocolMappersStream().filter(m -> PROVIDER_ID.equals(m.getProtocolMapper())).findFirst()
                .flatMap(model -> {
                    TagsMapperConfig tags = TagsMapperConfig.of(model.getConfig());
                    ClientModel aws = client.getRealm().getClientByClientId(tags.awsClient());
                    return Optional.ofNullable(aws).map(c -> new GateSettings(c, ElevationMapperConfig.of(Map.of(
                            "numberedMode", Boolean.toString(tags.numbered()),
                            "maxSlots", Integer.toString(tags.maxSlots())))));
                });
    }

    /** AWS's documented shape: {"principal_tags": {"Key": ["value"]}, "transitive_tag_keys": ["Key"]}. */
    static Map<String, Object> claim(List<SessionTag> tags, List<String> transitiveKeys) {
        Map<String, List<String>> principalTags = new LinkedHashMap<>();
        tags.forEach(tag -> principalTags.put(tag.key(), List.of(tag.value())));
        Map<String, Object> claim = new LinkedHashMap<>();
        claim.put("principal_tags", principalTags);
        if (!transitiveKeys.isEmpty()) {
            claim.put("transitive_tag_keys", transitiveKeys);
        }
        return claim;
    }
}
