package io.elevate.revoke;

/** The IAM calls revocation needs: put or delete a role's {@code elevate-revocations} inline policy. */
interface RolePolicies {

    void put(RevocationOutbox.RoleKey role, String document);

    /** Deletes the inline policy; a role without it is no error. */
    void delete(RevocationOutbox.RoleKey role);

    /** One line for the log and the audit row, never a stack trace. */
    static String describe(RuntimeException error) {
        String text = error.getClass().getSimpleName() + ": " + error.getMessage();
        return text.length() > 1000 ? text.substring(0, 999) + "…" : text;
    }
}
