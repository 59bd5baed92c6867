package io.elevate.signin;

/** The gate's pages, shipped in the jar under theme-resources/templates. */
final class Templates {

    static final String PICK = "elevate-pick.ftl";
    static final String DENIED = "elevate-denied.ftl";

    private Templates() {
    }
}
