package io.elevate.signin;

import io.elevate.Arns;
import io.elevate.AwsPartition;
import io.elevate.aws.AwsNames;
import io.elevate.aws.SessionDuration;
import io.elevate.aws.SessionTag;
import io.elevate.aws.SessionTagRules;
import io.elevate.aws.SessionTags;
import io.elevate.window.ElevationWindow;
import io.elevate.window.Target;

import org.keycloak.models.UserModel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the AWS assertion says for the windows a sign-in carries, and whether AWS would accept it. The gate plans it to
 * refuse a bad sign-in before any session exists; the mapper plans it again to write it. Both use this one class.
 */
final class ElevationAssertion {

    public static final String AWS = "https://aws.amazon.com/SAML/Attributes/";
    public static final String ROLE = AWS + "Role";
    public static final String ROLE_SESSION_NAME = AWS + "RoleSessionName";
    public static final String SOURCE_IDENTITY = AWS + "SourceIdentity";
    public static final String SESSION_DURATION = AWS + "SessionDuration";
    public static final String PRINCIPAL_TAG = AWS + "PrincipalTag:";
    public static final String TRANSITIVE_TAG_KEYS = AWS + "TransitiveTagKeys";

    /** AWS refuses a base64 SAMLResponse of this many characters or more. */
    static final int MAX_ENCODED_RESPONSE = 100_000;
    /**
     * Room kept for the rest of the response: envelope, conditions, signature with its certificate and what other
     * mappers add. A signed Keycloak response without attributes encodes to about 6,000 characters.
     */
    static final int RESPONSE_ENVELOPE_BUDGET = 20_000;
    private static final int XML_PER_ATTRIBUTE = 260;
    private static final int XML_PER_VALUE = 120;

    private ElevationAssertion() {
    }

    /** The outcome of planning: the attributes, or every reason AWS (or Elevate) would refuse them. */
    public sealed interface Plan permits Granted, Refused {
    }

    /**
     * @param sessionEnd the end of the earliest window: the assertion's {@code SessionNotOnOrAfter} never lies beyond it
     */
    public record Granted(List<SamlAttribute> attributes, int sessionSeconds, Instant sessionEnd) implements Plan {
    }

    public record Refused(List<String> problems) implements Plan {
    }

    /**
     * Plans for a Keycloak user, reading RoleSessionName and SourceIdentity from the properties the mapper names.
     *
     * @param endpoint where the AWS client posts: every window's region must be in its partition, and it must be one
     *                 of the mapper's sign-in endpoints
     */
    static Plan plan(List<ElevationWindow> windows, UserModel user, ElevationMapperConfig config,
                     SignInEndpoint endpoint, Instant now) {
        return plan(windows, UserProperty.read(user, config.roleSessionNameProperty()),
                UserProperty.read(user, config.sourceIdentityProperty()), config, endpoint, now);
    }

    /** Plans for a client of the partition of the first window's region. */
    public static Plan plan(List<ElevationWindow> windows, String roleSessionName, String sourceIdentity,
                            ElevationMapperConfig config, Instant now) {
        AwsPartition partition = windows.isEmpty() ? AwsPartition.AWS
                : AwsPartition.forRegion(windows.get(0).target().region());
        return plan(windows, roleSessionName, sourceIdentity, config, SignInEndpoint.of(partition), now);
    }

    public static Plan plan(List<ElevationWindow> windows, String roleSessionName, String sourceIdentity,
                            ElevationMapperConfig config, AwsPartition partition, Instant now) {
        return plan(windows, roleSessionName, sourceIdentity, config, SignInEndpoint.of(partition), now);
    }

    static Plan plan(List<ElevationWindow> windows, String roleSessionName, String sourceIdentity,
                     ElevationMapperConfig config, SignInEndpoint endpoint, Instant now) {
        AwsPartition partition = endpoint.partition();
        List<String> problems = new ArrayList<>();
        if (windows.isEmpty()) {
            return new Refused(List.of("no open elevation window"));
        }
        if (windows.size() > config.slots()) {
            problems.add("this sign-in may carry " + config.slots() + " window(s), not " + windows.size());
        }
        Target first = windows.get(0).target();
        if (windows.stream().anyMatch(w -> !w.target().sameRoleAs(first))) {
            problems.add("windows for different roles cannot share one AWS session");
        }
        windows.stream().map(w -> w.target().region()).distinct()
                .filter(region -> AwsPartition.ofRegion(region).filter(partition::equals).isEmpty())
                .forEach(region -> problems.add("region " + region + " is not in the partition " + partition.id()
                        + " that this AWS client signs in to"));
        problems.addAll(endpoint.problems(config));
        AwsNames.checkSessionName(roleSessionName).ifPresent(p -> problems.add("RoleSessionName " + p));
        AwsNames.checkSessionName(sourceIdentity).ifPresent(p -> problems.add("SourceIdentity " + p));
        problems.addAll(SessionTags.problems(windows));
        List<SessionTag> tags = SessionTags.of(windows);
        problems.addAll(SessionTagRules.check(tags));
        if (!problems.isEmpty()) {
            return new Refused(problems);
        }

        Instant end = windows.stream().map(ElevationWindow::endsAt).min(Comparator.naturalOrder()).orElseThrow();
        int seconds = SessionDuration.seconds(config.maxSessionSeconds(), end, now);
        List<SamlAttribute> attributes = new ArrayList<>();
        attributes.add(SamlAttribute.of(ROLE, Arns.role(partition, first.accountId(), first.roleName()) + ","
                + Arns.samlProvider(partition, first.accountId(), first.samlProvider())));
        attributes.add(SamlAttribute.of(ROLE_SESSION_NAME, roleSessionName));
        attributes.add(SamlAttribute.of(SOURCE_IDENTITY, sourceIdentity));
        attributes.add(SamlAttribute.of(SESSION_DURATION, Integer.toString(seconds)));
        tags.forEach(tag -> attributes.add(SamlAttribute.of(PRINCIPAL_TAG + tag.key(), tag.value())));
        List<String> transitive = SessionTags.transitiveKeys(windows);
        if (!transitive.isEmpty()) {
            attributes.add(new SamlAttribute(TRANSITIVE_TAG_KEYS, transitive));
        }
        int encoded = estimatedEncodedLength(attributes);
        if (encoded >= MAX_ENCODED_RESPONSE) {
            return new Refused(List.of("the SAML response would encode to about " + encoded
                    + " characters; AWS accepts fewer than " + MAX_ENCODED_RESPONSE));
        }
        return new Granted(List.copyOf(attributes), seconds, end);
    }

    /** An upper estimate of the base64 length of a response carrying these attributes. */
    static int estimatedEncodedLength(List<SamlAttribute> attributes) {
        long xml = RESPONSE_ENVELOPE_BUDGET;
        for (SamlAttribute attribute : attributes) {
            xml += XML_PER_ATTRIBUTE + attribute.name().length();
            for (String value : attribute.values()) {
                // UTF-8 and XML escaping can grow a character up to six bytes (&quot;); count the worst case.
                xml += XML_PER_VALUE + 6L * value.length();
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, (xml + 2) / 3 * 4);
    }
}
