package io.elevate.aws.instances;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a policy takes the tags of the instance a request names from: nowhere (the policy's own tags), EC2, Config. */
public enum InstanceSource {
    /** The window carries the policy's tags; AWS is not asked. */
    NONE,
    /** EC2 {@code DescribeInstances}. */
    EC2,
    /** AWS Config {@code SelectResourceConfig}, for large estates. */
    CONFIG;

    /** The value as a policy stores it: {@code none}, {@code ec2}, {@code config}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<InstanceSource> of(String value) {
        return Arrays.stream(values()).filter(s -> s.value().equalsIgnoreCase(value)).findFirst();
    }
}
