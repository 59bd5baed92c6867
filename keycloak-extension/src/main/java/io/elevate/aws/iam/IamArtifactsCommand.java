package io.elevate.aws.iam;

import io.elevate.aws.policy.Json;
import io.elevate.validation.Violation;

import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Writes the IAM artifacts of a realm export's elevation policies into a directory, without a running Keycloak and
 * without calling AWS:
 *
 * <pre>
 * ./mvnw -q -pl keycloak-extension compile exec:java -Dexec.classpathScope=compile \
 *     -Dexec.mainClass=io.elevate.aws.iam.IamArtifactsCommand \
 *     -Dexec.args="realm-config/elevate-demo-realm.json target/iam [--slots N] [--secrets-manager] [--rds] [--revoked ID,...]
 *         [--log-group NAME | --no-cloudwatch-logs] [--s3-bucket NAME [--s3-key-prefix PREFIX]] [--kms-key KEY]
 *         [--idle-timeout MINUTES]"
 * </pre>
 *
 * Files: {@code iam-artifacts.json}, {@code cloudformation.json}, {@code elevate-iam.tf.json} (Terraform's JSON syntax), and per role
 * {@code <account>/<role>/trust-policy.json}, {@code permission-policy.json} and, when ids are revoked,
 * {@code revocation-policy.json}; for the realm {@code elevate-server-policy.json} (the Keycloak server's own
 * permissions) and, when a policy has a break-glass OS credential, {@code elevate-break-glass-instance-policy.json};
 * per account {@code <account>/session-manager-preferences.json} and {@code <account>/session-manager-node-policy.json}
 * (what the managed nodes need to log the sessions).
 * The arguments are read with picocli ({@code --help} prints the usage), shaded into the extension jar.
 * Exit status: 0 written, 1 unreadable input or no policy, 2 bad arguments (also a KMS key ARN in another partition
 * than a policy's account), 3 a
 * document breaks an AWS size limit (reported; nothing is written).
 */
public final class IamArtifactsCommand {

    /** The Terraform file of earlier versions, in HCL: it declares the same resources as the JSON one. */
    static final String FORMER_TERRAFORM_FILE = "elevate-iam.tf";
    /** Per account: what the managed nodes' instance profile needs to log the sessions. */
    static final String NODE_POLICY_FILE = "session-manager-node-policy.json";

    private IamArtifactsCommand() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Arguments arguments = Arguments.parse(args);
        if (arguments.help()) {
            out.print(Arguments.usage());
            return 0;
        }
        if (!arguments.problems().isEmpty()) {
            arguments.problems().forEach(err::println);
            err.print(Arguments.usage());
            return 2;
        }
        RealmExport realm;
        try {
            realm = RealmExport.read(arguments.realmFile());
        } catch (IOException e) {
            err.println("cannot read " + arguments.realmFile() + ": " + e.getMessage());
            return 1;
        }
        realm.skipped().forEach(problem -> err.println("skipped: " + problem));
        if (realm.policies().isEmpty()) {
            err.println("no valid elevation policy in " + arguments.realmFile() + ": nothing to generate");
            return 1;
        }
        List<Violation> unusable = IamArtifacts.violations(realm.policies(), arguments.options());
        if (!unusable.isEmpty()) {
            unusable.forEach(v -> err.println(Arguments.option(v.field()) + ": " + v.message()));
            return 2;
        }
        IamArtifacts artifacts = IamArtifacts.generate(realm.realm(), realm.policies(), arguments.options(),
                realm::mapper, realm.snsTopicArn());
        if (!artifacts.withinLimits()) {
            err.println("not written: " + artifacts.overflows().size() + " document(s) too large for AWS");
            artifacts.overflows().forEach(overflow -> err.println("  " + overflow.message()));
            return 3;
        }
        try {
            write(artifacts, arguments.outputDirectory(), out);
        } catch (IOException e) {
            err.println("cannot write to " + arguments.outputDirectory() + ": " + e.getMessage());
            return 1;
        }
        return 0;
    }

    private static void write(IamArtifacts artifacts, Path directory, PrintStream out) throws IOException {
        for (IamFormat format : IamFormat.values()) {
            writeFile(directory.resolve(format.fileName()), format.render(artifacts), out);
        }
        Path hcl = directory.resolve(FORMER_TERRAFORM_FILE);
        if (Files.deleteIfExists(hcl)) {
            out.println("removed " + hcl + " (replaced by " + IamFormat.TERRAFORM.fileName()
                    + "; Terraform would read both)");
        }
        for (RealmPolicy.Kind kind : RealmPolicy.Kind.values()) {
            Path file = directory.resolve(kind.fileName());
            RealmPolicy policy = artifacts.realmPolicies().stream().filter(p -> p.kind() == kind).findFirst()
                    .orElse(null);
            if (policy == null) {
                if (Files.deleteIfExists(file)) {
                    out.println("removed " + file + " (no policy has a break-glass OS credential)");
                }
                continue;
            }
            out.printf(Locale.ROOT, "%s (%s): %,d of %,d characters (managed)%n", kind.key(), policy.name(),
                    policy.size(), Limits.MANAGED_POLICY);
            policy.notes().forEach(note -> out.println("  " + note));
            writeFile(file, Json.pretty(policy.document()), out);
        }
        for (RoleArtifacts role : artifacts.roles()) {
            Path roleDirectory = directory.resolve(role.target().accountId()).resolve(role.target().roleName());
            RoleArtifacts.Sizes sizes = role.sizes();
            out.printf(Locale.ROOT, "%s: %d slot(s); trust policy %,d of %,d characters, permission policy %,d of "
                            + "%,d (managed), revocation policy %,d of %,d (inline)%n", role.target().roleArn(),
                    role.slots(), sizes.trustPolicy(), Limits.TRUST_POLICY, sizes.permissionPolicy(),
                    Limits.MANAGED_POLICY, sizes.inlinePolicies(), Limits.INLINE_POLICIES);
            role.notes().forEach(note -> out.println("  " + note));
            writeFile(roleDirectory.resolve("trust-policy.json"), Json.pretty(role.trustPolicy()), out);
            writeFile(roleDirectory.resolve("permission-policy.json"), Json.pretty(role.permissionPolicy()), out);
            Path revocation = roleDirectory.resolve("revocation-policy.json");
            if (role.revocationPolicy() != null) {
                writeFile(revocation, Json.pretty(role.revocationPolicy()), out);
            } else if (Files.deleteIfExists(revocation)) {
                out.println("removed " + revocation + " (no revoked ids)");
            }
        }
        for (SessionPreferences account : artifacts.sessionPreferences()) {
            out.printf(Locale.ROOT, "%s: Session Manager preferences (%s, type Session) in %s, max session %d "
                    + "minutes%n", account.accountId(), SessionPreferences.DOCUMENT_NAME, account.regions(),
                    account.maxSessionMinutes());
            writeFile(directory.resolve(account.accountId()).resolve("session-manager-preferences.json"),
                    Json.pretty(account.document()), out);
            SessionNodePolicy node = account.nodePolicy();
            out.printf(Locale.ROOT, "%s: managed nodes' logging policy (%s): %,d of %,d characters (managed)%n",
                    account.accountId(), node.name(), node.size(), Limits.MANAGED_POLICY);
            node.notes().forEach(note -> out.println("  " + note));
            writeFile(directory.resolve(account.accountId()).resolve(NODE_POLICY_FILE), Json.pretty(node.document()),
                    out);
        }
    }

    private static void writeFile(Path file, String content, PrintStream out) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, content);
        out.println("wrote " + file);
    }

    /** The command line, read by picocli and checked; {@link #problems} lists every fault at once. */
    record Arguments(Path realmFile, Path outputDirectory, IamOptions options, List<String> problems, boolean help) {

        static Arguments parse(String[] args) {
            Line line = new Line();
            CommandLine parser = commandLine(line);
            List<String> problems = new ArrayList<>();
            CommandLine.ParseResult result;
            try {
                result = parser.parseArgs(args);
            } catch (CommandLine.ParameterException e) {
                return new Arguments(null, null, IamOptions.defaults(), List.of(e.getMessage()), false);
            }
            result.errors().forEach(error -> problems.addAll(describe(error)));
            OptionalInt slots = line.slots == null ? OptionalInt.empty() : slots(line.slots, problems);
            List<Violation> violations = new ArrayList<>();
            List<String> ids = IamRequest.revokedIds(line.revoked, violations);
            violations.forEach(v -> problems.add("--revoked: " + v.message()));
            List<Violation> sessionViolations = new ArrayList<>();
            SessionSettings session = SessionSettings.check(new SessionSettings.Input(line.logGroup,
                    line.noCloudWatchLogs ? Boolean.FALSE : null, line.s3Bucket, line.s3KeyPrefix, line.kmsKey,
                    line.idleTimeout), sessionViolations);
            sessionViolations.forEach(v -> problems.add(option(v.field()) + ": " + v.message()));
            return new Arguments(line.realmFile, line.outputDirectory,
                    new IamOptions(slots, line.secretsManager, line.rds, ids, session),
                    problems.stream().distinct().toList(), result.isUsageHelpRequested());
        }

        /** The option of a Session Manager setting, for the messages of {@link SessionSettings#check}. */
        static String option(String field) {
            return switch (field) {
                case SessionSettings.LOG_GROUP -> "--log-group";
                case SessionSettings.CLOUDWATCH_LOGS -> "--no-cloudwatch-logs";
                case SessionSettings.S3_BUCKET -> "--s3-bucket";
                case SessionSettings.S3_KEY_PREFIX -> "--s3-key-prefix";
                case SessionSettings.KMS_KEY -> "--kms-key";
                case SessionSettings.IDLE_TIMEOUT -> "--idle-timeout";
                default -> field;
            };
        }

        /** The usage, as picocli writes it from the options. */
        static String usage() {
            return commandLine(new Line()).getUsageMessage(CommandLine.Help.Ansi.OFF);
        }

        private static CommandLine commandLine(Line line) {
            CommandLine parser = new CommandLine(line);
            parser.getCommandSpec().parser().collectErrors(true);
            parser.getCommandSpec().usageMessage().synopsisHeading("usage: ");
            return parser;
        }

        private static List<String> describe(Exception error) {
            if (error instanceof CommandLine.UnmatchedArgumentException unmatched) {
                return unmatched.getUnmatched().stream()
                        .map(arg -> arg.startsWith("-") ? "unknown option " + arg : "unexpected argument " + arg)
                        .toList();
            }
            if (error instanceof CommandLine.MissingParameterException missing) {
                return missing.getMissing().stream().map(arg -> arg instanceof CommandLine.Model.OptionSpec option
                        ? option.longestName() + " needs a value"
                        : "give the realm export file and the output directory").toList();
            }
            return List.of(error.getMessage());
        }

        private static OptionalInt slots(String value, List<String> problems) {
            try {
                int n = Integer.parseInt(value);
                if (n >= 1 && n <= IamOptions.MAX_SLOTS) {
                    return OptionalInt.of(n);
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            problems.add("--slots must be a whole number between 1 and " + IamOptions.MAX_SLOTS + ", not " + value);
            return OptionalInt.empty();
        }
    }

    @CommandLine.Command(name = "IamArtifactsCommand", sortOptions = false,
            description = "Writes the IAM artifacts of a realm export's elevation policies into a directory.")
    static final class Line {

        @CommandLine.Parameters(index = "0", paramLabel = "<realm-export.json>", description = "a realm export")
        Path realmFile;

        @CommandLine.Parameters(index = "1", paramLabel = "<output-directory>", description = "where the files go")
        Path outputDirectory;

        @CommandLine.Option(names = "--slots", paramLabel = "N",
                description = "slots per role, 1 to " + IamOptions.MAX_SLOTS + " (default: the elevation mapper's)")
        String slots;

        @CommandLine.Option(names = "--secrets-manager", description = "also read secrets with matching tags")
        boolean secretsManager;

        @CommandLine.Option(names = "--rds", description = "also reboot and fail over databases with matching tags")
        boolean rds;

        @CommandLine.Option(names = "--revoked", paramLabel = "ID[,ID...]", description = "revoked window ids")
        List<String> revoked = new ArrayList<>();

        @CommandLine.Option(names = "--log-group", paramLabel = "NAME",
                description = "CloudWatch Logs log group of the shells (default: " + SessionSettings.DEFAULT_LOG_GROUP
                        + ")")
        String logGroup;

        @CommandLine.Option(names = "--no-cloudwatch-logs",
                description = "do not log the shells to CloudWatch Logs (then --s3-bucket is required)")
        boolean noCloudWatchLogs;

        @CommandLine.Option(names = "--s3-bucket", paramLabel = "NAME",
                description = "also (or, with --no-cloudwatch-logs, only) log the shells to this S3 bucket")
        String s3Bucket;

        @CommandLine.Option(names = "--s3-key-prefix", paramLabel = "PREFIX",
                description = "key prefix of the shells' logs in the bucket (default: none)")
        String s3KeyPrefix;

        @CommandLine.Option(names = "--kms-key", paramLabel = "KEY",
                description = "KMS key of the sessions: alias/..., key ARN or key id (default: "
                        + SessionSettings.DEFAULT_KMS_KEY + ")")
        String kmsKey;

        @CommandLine.Option(names = "--idle-timeout", paramLabel = "MINUTES",
                description = "end an idle shell after MINUTES, " + SessionSettings.MIN_IDLE_TIMEOUT + " to "
                        + SessionSettings.MAX_IDLE_TIMEOUT + " (default: " + SessionSettings.DEFAULT_IDLE_TIMEOUT + ")")
        String idleTimeout;

        @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
        boolean help;
    }
}
