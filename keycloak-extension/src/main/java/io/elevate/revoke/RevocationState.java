package io.elevate.revoke;

/** Where a revocation row stands: waiting for its first IAM call, in IAM, or failed and due again later. */
public enum RevocationState {
    PENDING, APPLIED, FAILED
}
