package io.elevate.aws.iam;

import io.elevate.AwsPartition;
import io.elevate.aws.policy.RevocationPolicy;
import io.elevate.signin.ElevationMapperConfig;
import io.elevate.validation.Violation;
import io.elevate.workflow.ElevationPolicy;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The IAM artifacts of a realm's elevation policies, one {@link RoleArtifacts} per account and role, and every
 * document that breaks an AWS size limit. Generation only: nothing here calls AWS.
 *
 * @param realm         the realm's name, for the headers of the rendered files
 * @param realmPolicies the realm-level managed policies: the server's own policy, then the break-glass instances'
 *                      policy when some policy has a break-glass OS credential
 * @param overflows     empty when every document fits; otherwise the artifacts must not be used as they are
 * @param sessionPreferences the Session Manager preferences document of each account, which the permission policies
 *                      require for every shell
 */
public record IamArtifacts(String realm, List<RoleArtifacts> roles, List<RealmPolicy> realmPolicies,
                           List<Overflow> overflows, List<SessionPreferences> sessionPreferences) {

    /** AWS's bounds of a role's maximum session duration. */
    static final int ROLE_MIN_SESSION = 3_600;
    static final int ROLE_MAX_SESSION = 43_200;

    public IamArtifacts {
        roles = List.copyOf(roles);
        realmPolicies = List.copyOf(realmPolicies);
        overflows = List.copyOf(overflows);
        sessionPreferences = List.copyOf(sessionPreferences);
    }

    /**
     * What makes these options unusable with these policies, before {@link #generate} (which refuses them): a KMS key
     * ARN in another partition than an account's.
     */
    public static List<Violation> violations(List<ElevationPolicy> policies, IamOptions options) {
        return options.session().violations(policies);
    }

    /** The artifacts of a realm without an SNS notification topic. */
    public static IamArtifacts generate(String realm, List<ElevationPolicy> policies, IamOptions options,
                                        Function<String, Optional<ElevationMapperConfig>> mappers) {
        return generate(realm, policies, options, mappers, null);
    }

    /**
     * @param mappers     the elevation mapper settings of an AWS SAML client, by clientId: they give the default number
     *                    of slots and the role's maximum session duration
     * @param snsTopicArn the realm's notification topic, or null when it has none: the server policy may publish to it
     */
    public static IamArtifacts generate(String realm, List<ElevationPolicy> policies, IamOptions options,
                                        Function<String, Optional<ElevationMapperConfig>> mappers,
                                        String snsTopicArn) {
        List<Violation> unusable = options.session().violations(policies);
        if (!unusable.isEmpty()) {
            throw new IllegalArgumentException("Session Manager preferences: " + unusable);
        }
        List<RoleArtifacts> roles = new ArrayList<>();
        List<Overflow> overflows = new ArrayList<>();
        List<RoleTarget> targets = RoleTarget.of(policies);
        for (RoleTarget target : targets) {
            List<ElevationMapperConfig> configs = target.clientIds().stream().map(mappers)
                    .flatMap(Optional::stream).toList();
            List<String> notes = new ArrayList<>();
            int slots;
            if (options.slots().isPresent()) {
                slots = options.slots().getAsInt();
            } else {
                slots = configs.stream().mapToInt(ElevationMapperConfig::slots).max().orElse(1);
                notes.add(configs.isEmpty()
                        ? "slots: 1 (no elevation mapper on client(s) " + target.clientIds() + ")"
                        : "slots: " + slots + " (from the elevation mapper of client(s) " + target.clientIds() + ")");
            }
            int maxSession = Math.min(ROLE_MAX_SESSION, Math.max(ROLE_MIN_SESSION,
                    configs.stream().mapToInt(ElevationMapperConfig::maxSessionSeconds).max().orElse(0)));
            notes.add(chainingNote(target, policies));
            List<String> runAs = policies.stream().filter(p -> p.runAsUser() != null && onRole(p, target))
                    .map(p -> p.name() + " (" + p.runAsUser() + ")").toList();
            if (!runAs.isEmpty()) {
                notes.add("run as: " + runAs + " name the OS user of their shells (session tag SSMSessionRunAs): "
                        + "deploy the account's Session Manager preferences (Run As on) in every region of those "
                        + "policies before they are used, or their shells run as ssm-user; the users, and ssm-user, "
                        + "must exist on the instances");
            }
            Optional<ObjectNode> revocation = RevocationPolicy.of(slots, options.revokedIds());
            if (revocation.isEmpty()) {
                notes.add("no revoked ids given: no revocation policy (a deny statement that matches nothing is "
                        + "left out)");
            }
            List<String> endpoints = configs.stream()
                    .flatMap(config -> config.signInEndpoints(target.partition()).stream())
                    .filter(url -> AwsPartition.ofSamlEndpoint(url).filter(target.partition()::equals).isPresent())
                    .distinct().toList();
            if (endpoints.isEmpty()) {
                endpoints = List.of(target.partition().samlEndpoint());
            }
            if (endpoints.stream().anyMatch(url -> AwsPartition.idpId(url).isPresent())) {
                notes.add("encrypted assertions: a client posts to " + endpoints.stream()
                        .filter(url -> AwsPartition.idpId(url).isPresent()).toList() + "; its SAML provider(s) "
                        + target.samlProviderArns() + " need AssertionEncryptionMode Required and the client's "
                        + "private key: aws iam update-saml-provider --saml-provider-arn <arn> "
                        + "--assertion-encryption-mode Required --add-private-key file://<key>.pem (rotate: add the "
                        + "new key, switch the client's certificate, then --remove-private-key <KeyId>)");
            }
            if (endpoints.size() > 1) {
                notes.add("SAML:aud: " + endpoints.size() + " sign-in endpoints (from the elevation mapper of client(s) "
                        + target.clientIds() + ")");
            }
            RoleArtifacts role = new RoleArtifacts(target, slots, maxSession, TrustPolicy.of(target, endpoints),
                    PermissionPolicy.of(target, slots, options.secretsManager(), options.rds(),
                            options.session().kmsKey()),
                    revocation.orElse(null), notes);
            roles.add(role);
            overflows.addAll(Limits.check(role));
        }
        BreakGlassResources breakGlass = new BreakGlassResources(policies);
        List<RealmPolicy> realmPolicies = new ArrayList<>();
        realmPolicies.add(ServerPolicy.of(realm, targets, policies, snsTopicArn, breakGlass));
        BreakGlassInstancePolicy.of(realm, breakGlass).ifPresent(realmPolicies::add);
        realmPolicies.forEach(policy -> overflows.addAll(Limits.check(realm, policy)));
        List<SessionPreferences> preferences = SessionPreferences.of(realm, policies, options.session());
        preferences.forEach(account -> overflows.addAll(Limits.check(account)));
        return new IamArtifacts(realm, roles, realmPolicies, overflows, preferences);
    }

    /**
     * Which of the role's policies let their sessions chain roles: the deny statement spares only sessions tagged
     * {@code ElevationChaining=allowed}, whose tags are transitive.
     */
    private static boolean onRole(ElevationPolicy policy, RoleTarget target) {
        return policy.accountId().equals(target.accountId()) && policy.roleName().equals(target.roleName())
                && AwsPartition.forRegion(policy.region()) == target.partition();
    }

    private static String chainingNote(RoleTarget target, List<ElevationPolicy> policies) {
        List<String> chaining = policies.stream()
                .filter(p -> p.roleChaining() && onRole(p, target))
                .map(ElevationPolicy::name).toList();
        return chaining.isEmpty()
                ? "role chaining: denied (NoRoleChainingFromElevatedSessions) to every elevated session: no policy of "
                + "this role allows it, so the session tags are not transitive and the revocation policy would not "
                + "reach a chained session"
                : "role chaining: allowed only to sessions of the windows of " + chaining + " (session tags "
                + "transitive, ElevationChaining=allowed), denied to the others; put the revocation policy on every "
                + "role those sessions may chain to";
    }

    /** The server's own policy; always present, since revocation is always on. */
    public RealmPolicy serverPolicy() {
        return realmPolicies.get(0);
    }

    /** The policy of the break-glass instances' instance profile, when some policy has a break-glass OS credential. */
    public Optional<RealmPolicy> breakGlassInstancePolicy() {
        return realmPolicies.stream().filter(p -> p.kind() == RealmPolicy.Kind.BREAK_GLASS_INSTANCE).findFirst();
    }

    public boolean withinLimits() {
        return overflows.isEmpty();
    }

    /** The overflows as an API answer's violations: the field names the role (or realm) and the document. */
    public List<Violation> overflowViolations() {
        return overflows.stream().map(o -> Violation.of(o.roleArn() + " " + o.document(), o.message())).toList();
    }
}
