package io.elevate.aws;

/** The AWS console deep link that opens a Session Manager shell on one instance right after sign-in. */
public final class SessionManagerLink {

    private SessionManagerLink() {
    }

    public static String forInstance(String instanceId, String region) {
        return "https://console.aws.amazon.com/systems-manager/session-manager/" + instanceId + "?region=" + region;
    }
}
