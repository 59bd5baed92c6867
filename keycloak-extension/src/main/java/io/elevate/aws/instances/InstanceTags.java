package io.elevate.aws.instances;

import org.keycloak.provider.Provider;

/**
 * The server's instance directories, from a {@code KeycloakSession}: {@code session.getProvider(InstanceTags.class)}.
 * Their answers are cached server-wide (see {@link InstanceTagsFactory}).
 */
public final class InstanceTags implements Provider {

    private final InstanceDirectory ec2;
    private final InstanceDirectory config;

    InstanceTags(InstanceDirectory ec2, InstanceDirectory config) {
        this.ec2 = ec2;
        this.config = config;
    }

    /** The directory of a source other than {@link InstanceSource#NONE}. */
    public InstanceDirectory directory(InstanceSource source) {
        return switch (source) {
            case EC2 -> ec2;
            case CONFIG -> config;
            case NONE -> throw new IllegalArgumentException("a policy without instance tag discovery asks no directory");
        };
    }

    @Override
    public void close() {
        // the directories belong to the factory
    }
}
