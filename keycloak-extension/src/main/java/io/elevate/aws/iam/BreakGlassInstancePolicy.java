package io.elevate.aws.iam;

import io.elevate.aws.policy.Statements;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The permissions the instance profile of break-glass instances needs: the script Elevate runs there stores the new
 * OS password as a SecureString ({@code ssm:PutParameter} under {@code /elevate/break-glass/}, encrypted with the
 * policy's KMS key through SSM). Only when some policy has a break-glass OS credential.
 */
final class BreakGlassInstancePolicy {

    static final List<String> KMS = List.of("kms:Encrypt", "kms:GenerateDataKey");

    private BreakGlassInstancePolicy() {
    }

    static Optional<RealmPolicy> of(String realm, BreakGlassResources breakGlass) {
        if (!breakGlass.used()) {
            return Optional.empty();
        }
        List<String> notes = new ArrayList<>();
        notes.add("attach to the instance profile role of the instances of policies "
                + breakGlass.policies().stream().map(p -> "'" + p.name() + "'").toList()
                + ", next to what the SSM agent needs (e.g. AmazonSSMManagedInstanceCore)");
        notes.addAll(breakGlass.notes());
        return Optional.of(new RealmPolicy(RealmPolicy.Kind.BREAK_GLASS_INSTANCE,
                RealmPolicy.Kind.BREAK_GLASS_INSTANCE.policyName(realm), Statements.document(List.of(
                        Statements.allow("StoreTheBreakGlassPassword", List.of("ssm:PutParameter"),
                                breakGlass.parameterArns()),
                        breakGlass.kms("EncryptTheBreakGlassPasswordThroughSsm", KMS))), notes));
    }
}
