package io.elevate;

/** Facts about this build of Elevate, for the server info page of the admin console. */
public final class Elevate {

    private Elevate() {
    }

    /** The version in the jar's manifest, or "development" when running from classes. */
    public static String version() {
        String version = Elevate.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
