package io.elevate.aws.iam;

import io.elevate.aws.policy.Json;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** The ways the artifacts are written out. */
public enum IamFormat {

    /** One object keyed by role ARN with each role's plain IAM documents. */
    JSON("application/json", "iam-artifacts.json", a -> Json.pretty(JsonOutput.of(a))),
    /** A CloudFormation template, in JSON. */
    CLOUDFORMATION("application/json", "cloudformation.json", a -> Json.pretty(CloudFormationTemplate.of(a))),
    /** Terraform for the AWS provider, in Terraform's JSON syntax. */
    TERRAFORM("application/json", "elevate-iam.tf.json", a -> Json.pretty(TerraformConfig.of(a)));

    private final String mediaType;
    private final String fileName;
    private final Function<IamArtifacts, String> renderer;

    IamFormat(String mediaType, String fileName, Function<IamArtifacts, String> renderer) {
        this.mediaType = mediaType;
        this.fileName = fileName;
        this.renderer = renderer;
    }

    public static Optional<IamFormat> of(String name) {
        return Arrays.stream(values()).filter(f -> f.parameter().equalsIgnoreCase(name)).findFirst();
    }

    /** The name in the {@code format} parameter. */
    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String mediaType() {
        return mediaType;
    }

    public String fileName() {
        return fileName;
    }

    public String render(IamArtifacts artifacts) {
        return renderer.apply(artifacts);
    }
}
