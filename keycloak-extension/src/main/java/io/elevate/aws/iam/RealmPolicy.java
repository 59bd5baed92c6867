package io.elevate.aws.iam;

import io.elevate.aws.policy.Json;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * A realm-level customer managed policy: not for a target role, but for what Elevate itself runs with.
 *
 * @param kind     which document this is, and how each output names it
 * @param name     the managed policy's name (unique per account, so it names the realm)
 * @param document the IAM policy document
 * @param notes    what a reader should know: what to attach it to, which features it covers
 */
public record RealmPolicy(Kind kind, String name, ObjectNode document, List<String> notes) {

    /** The realm-level documents, with their key in the JSON, CloudFormation id, Terraform name and file name. */
    public enum Kind {
        SERVER("serverPolicy", "ElevateServerPolicy", "elevate_server", "elevate-server-policy.json",
                "elevate-server-", "Elevate: what the Keycloak server's own AWS credentials call"),
        BREAK_GLASS_INSTANCE("breakGlassInstancePolicy", "ElevateBreakGlassInstancePolicy",
                "elevate_break_glass_instance", "elevate-break-glass-instance-policy.json",
                "elevate-break-glass-instance-", "Elevate: what break-glass instances need to store the OS password");

        private final String key;
        private final String logicalId;
        private final String terraformName;
        private final String fileName;
        private final String namePrefix;
        private final String description;

        Kind(String key, String logicalId, String terraformName, String fileName, String namePrefix,
             String description) {
            this.key = key;
            this.logicalId = logicalId;
            this.terraformName = terraformName;
            this.fileName = fileName;
            this.namePrefix = namePrefix;
            this.description = description;
        }

        /** The top-level key in the JSON output, and the document's name in size reports. */
        public String key() {
            return key;
        }

        String logicalId() {
            return logicalId;
        }

        String terraformName() {
            return terraformName;
        }

        public String fileName() {
            return fileName;
        }

        String description() {
            return description;
        }

        /** The managed policy name for a realm ({@link Names#managedPolicy}). */
        String policyName(String realm) {
            return Names.managedPolicy(namePrefix, realm);
        }
    }

    public RealmPolicy {
        notes = List.copyOf(notes);
    }

    /** The size as AWS counts it against the managed policy limit: the JSON without whitespace. */
    public int size() {
        return Json.size(document);
    }
}
