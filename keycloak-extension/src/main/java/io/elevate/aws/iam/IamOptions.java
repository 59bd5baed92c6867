package io.elevate.aws.iam;

import io.elevate.signin.TagSettings;

import java.util.List;
import java.util.OptionalInt;

/**
 * What to generate besides the Session Manager essentials.
 *
 * @param slots          numbered slots per sign-in; empty: what the AWS client's elevation mapper says, else 1
 * @param secretsManager add the Secrets Manager read template
 * @param rds            add the RDS reboot/failover template
 * @param revokedIds     the window ids the revocation policy denies; empty: no revocation policy
 */
public record IamOptions(OptionalInt slots, boolean secretsManager, boolean rds, List<String> revokedIds) {

    /** The most slots a mapper allows (a compile-time constant, so the command needs no Keycloak class). */
    public static final int MAX_SLOTS = TagSettings.HIGHEST_SLOT_COUNT;

    public IamOptions {
        revokedIds = revokedIds.stream().distinct().toList();
    }

    public static IamOptions defaults() {
        return new IamOptions(OptionalInt.empty(), false, false, List.of());
    }
}
