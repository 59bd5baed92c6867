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
 * @param session        the Session Manager preferences: where shells are logged, their KMS key, the idle timeout
 */
public record IamOptions(OptionalInt slots, boolean secretsManager, boolean rds, List<String> revokedIds,
                         SessionSettings session) {

    /** The most slots a mapper allows (a compile-time constant, so the command needs no Keycloak class). */
    public static final int MAX_SLOTS = TagSettings.HIGHEST_SLOT_COUNT;

    public IamOptions {
        revokedIds = revokedIds.stream().distinct().toList();
    }

    /** With the default Session Manager preferences. */
    public IamOptions(OptionalInt slots, boolean secretsManager, boolean rds, List<String> revokedIds) {
        this(slots, secretsManager, rds, revokedIds, SessionSettings.defaults());
    }

    public static IamOptions defaults() {
        return new IamOptions(OptionalInt.empty(), false, false, List.of());
    }
}
