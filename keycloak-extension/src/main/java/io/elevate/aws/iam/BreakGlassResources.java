package io.elevate.aws.iam;

import io.elevate.Arns;
import io.elevate.aws.policy.Json;
import io.elevate.aws.policy.Statements;
import io.elevate.breakglass.OsCredentialSettings;
import io.elevate.workflow.ElevationPolicy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.arns.Arn;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the break-glass OS credentials of a realm's policies touch: the SecureString parameters under
 * {@link OsCredentialSettings#PARAMETER_PREFIX} in each policy's account and region, and the KMS keys that encrypt
 * them, used only through SSM ({@code kms:ViaService}) and only for those parameters (SSM's encryption context
 * {@code PARAMETER_ARN}).
 */
final class BreakGlassResources {

    private final List<ElevationPolicy> policies;
    private final Set<String> parameters = new LinkedHashSet<>();
    private final Set<String> keys = new LinkedHashSet<>();
    private final Set<String> viaServices = new LinkedHashSet<>();
    private final List<String> notes = new ArrayList<>();

    BreakGlassResources(List<ElevationPolicy> policies) {
        this.policies = policies.stream().filter(p -> p.osCredential() != null).toList();
        for (ElevationPolicy policy : this.policies) {
            parameters.add(Arns.of("ssm", policy.region(), policy.accountId(),
                    "parameter" + OsCredentialSettings.PARAMETER_PREFIX + "*"));
            viaServices.add(Arns.serviceHost("ssm", policy.region()));
            String key = keyArn(policy);
            keys.add(key);
            if (key.endsWith(":key/*")) {
                notes.add("policy '" + policy.name() + "' names its KMS key by alias (" + policy.osCredential().kmsKeyId()
                        + "): the KMS statements allow any key of " + key.substring(0, key.length() - 6)
                        + ", only through SSM for the break-glass parameters; give the key ARN to narrow them");
            }
        }
    }

    /** The policies with a break-glass OS credential. */
    List<ElevationPolicy> policies() {
        return policies;
    }

    boolean used() {
        return !policies.isEmpty();
    }

    List<String> parameterArns() {
        return List.copyOf(parameters);
    }

    List<String> notes() {
        return List.copyOf(notes);
    }

    /** The KMS actions on the policies' keys, through SSM, for the break-glass parameters only. */
    ObjectNode kms(String sid, List<String> actions) {
        ObjectNode statement = Statements.allow(sid, actions, List.copyOf(keys));
        ObjectNode condition = statement.putObject("Condition");
        condition.putObject("StringEquals").set("kms:ViaService", Json.oneOrMany(List.copyOf(viaServices)));
        condition.putObject("StringLike").set("kms:EncryptionContext:PARAMETER_ARN",
                Json.oneOrMany(List.copyOf(parameters)));
        return statement;
    }

    /**
     * The key as an ARN: a key ARN as given; a key id (or multi-Region key id) in the policy's account and region; an
     * alias, whose key is not known here, as every key of the alias's account and region.
     */
    static String keyArn(ElevationPolicy policy) {
        String key = policy.osCredential().kmsKeyId();
        if (key.startsWith("arn:")) {
            if (key.contains(":key/")) {
                return key;
            }
            return Arn.fromString(key).toBuilder().resource("key/*").build().toString();
        }
        return Arns.of("kms", policy.region(), policy.accountId(), key.startsWith("alias/") ? "key/*" : "key/" + key);
    }
}
