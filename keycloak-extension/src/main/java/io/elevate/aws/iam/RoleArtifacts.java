package io.elevate.aws.iam;

import io.elevate.aws.policy.Json;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;

/**
 * The IAM documents of one role.
 *
 * @param slots             how many numbered slots the permission and revocation policies cover
 * @param maxSessionSeconds the role's maximum session duration: at least what the client's mapper may ask for
 * @param revocationPolicy  null when no revoked ids were given
 * @param notes             what a reader should know, e.g. why a document is missing
 */
public record RoleArtifacts(RoleTarget target, int slots, int maxSessionSeconds, ObjectNode trustPolicy,
                            ObjectNode permissionPolicy, ObjectNode revocationPolicy, List<String> notes) {

    public static final String TRUST_POLICY = "trustPolicy";
    public static final String PERMISSION_POLICY = "permissionPolicy";
    public static final String REVOCATION_POLICY = "revocationPolicy";

    public record Sizes(int trustPolicy, int permissionPolicy, int revocationPolicy) {

        /** The role's inline policies together: the revocation policy is its only one. */
        public int inlinePolicies() {
            return revocationPolicy;
        }
    }

    public RoleArtifacts {
        notes = List.copyOf(notes);
    }

    public Optional<ObjectNode> revocation() {
        return Optional.ofNullable(revocationPolicy);
    }

    /** Sizes as AWS counts them against its limits: the JSON without whitespace. */
    public Sizes sizes() {
        return new Sizes(Json.size(trustPolicy), Json.size(permissionPolicy),
                revocationPolicy == null ? 0 : Json.size(revocationPolicy));
    }

    /** The customer managed policy that carries the permission policy (names are unique per account). */
    public String permissionPolicyName() {
        return target.roleName() + "-elevate-abac";
    }

    /** The role's inline policy that carries the revocation policy. */
    public String revocationPolicyName() {
        return "elevate-revocations";
    }
}
