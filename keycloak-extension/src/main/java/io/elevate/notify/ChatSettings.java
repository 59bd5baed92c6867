package io.elevate.notify;

import io.elevate.validation.Violation;

import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A realm's chat settings, beside its other notification settings in "Elevate notifications" (so they travel with a
 * realm export): the Slack bot token and signing secret (each a vault reference {@code ${vault.key}} where Keycloak
 * has a vault, else the value, shown masked), the default Slack channel, a channel per elevation policy, whether
 * approvers also get a direct message; the Teams workflow webhook URL, and one per policy. A policy is named by its
 * name or id.
 *
 * @param slackBotToken       the bot token (xoxb-…) or its vault reference; null for no Slack
 * @param slackSigningSecret  the app's signing secret or its vault reference; set whenever the token is
 * @param slackChannel        the channel requests are posted to (an id such as C0123ABCD, or #name); may be null
 *                            when every policy has its own channel or approvers get direct messages only
 * @param slackPolicyChannels policy name or id to its channel
 * @param slackDirectMessages whether each approver also gets the request as a direct message
 * @param teamsWebhookUrl     the Teams workflow webhook URL or its vault reference; null for no Teams
 * @param teamsPolicyWebhooks policy name or id to the vault reference of its Teams webhook URL (never the URL: it
 *                            carries a secret, and a multi-valued setting cannot be masked)
 * @param slackTeamId         the Slack workspace (team) id, T0123ABCD: button presses from any other workspace are
 *                            refused; null: not checked (set it)
 * @param slackAppId          the Slack app id, A0123ABCD: interactions of another app are refused; null: not checked
 */
public record ChatSettings(String slackBotToken, String slackSigningSecret, String slackChannel,
                           Map<String, String> slackPolicyChannels, boolean slackDirectMessages,
                           String teamsWebhookUrl, Map<String, String> teamsPolicyWebhooks, String slackTeamId,
                           String slackAppId) {

    public static final String SLACK_BOT_TOKEN = "slackBotToken";
    public static final String SLACK_SIGNING_SECRET = "slackSigningSecret";
    public static final String SLACK_CHANNEL = "slackChannel";
    public static final String SLACK_POLICY_CHANNELS = "slackPolicyChannels";
    public static final String SLACK_DIRECT_MESSAGES = "slackDirectMessages";
    public static final String TEAMS_WEBHOOK_URL = "teamsWebhookUrl";
    public static final String TEAMS_POLICY_WEBHOOKS = "teamsPolicyWebhooks";
    public static final String SLACK_TEAM_ID = "slackTeamId";
    public static final String SLACK_APP_ID = "slackAppId";

    public static final ChatSettings NONE = new ChatSettings(null, null, null, Map.of(), false, null, Map.of(),
            null, null);

    private static final Pattern VAULT = Pattern.compile("\\$\\{vault\\.[^}\\s]+}");
    private static final Pattern BOT_TOKEN = Pattern.compile("xoxb-[A-Za-z0-9-]{10,250}");
    private static final Pattern SIGNING_SECRET = Pattern.compile("[0-9a-f]{32,64}");
    private static final Pattern TEAM_ID = Pattern.compile("[TE][A-Z0-9]{6,20}");
    private static final Pattern APP_ID = Pattern.compile("A[A-Z0-9]{6,20}");
    private static final Pattern CHANNEL = Pattern.compile("[CG][A-Z0-9]{6,20}|#[a-z0-9_-]{1,80}");

    public ChatSettings {
        slackPolicyChannels = Map.copyOf(slackPolicyChannels);
        teamsPolicyWebhooks = Map.copyOf(teamsPolicyWebhooks);
    }

    public boolean slack() {
        return slackBotToken != null;
    }

    public boolean teams() {
        return teamsWebhookUrl != null || !teamsPolicyWebhooks.isEmpty();
    }

    /** The Slack channel of a policy (by id, then name), else the default; null when neither is set. */
    public String slackChannelOf(String policyId, String policyName) {
        return of(slackPolicyChannels, policyId, policyName, slackChannel);
    }

    /** The Teams webhook of a policy (by id, then name), else the default; null when neither is set. */
    public String teamsWebhookOf(String policyId, String policyName) {
        return of(teamsPolicyWebhooks, policyId, policyName, teamsWebhookUrl);
    }

    private static String of(Map<String, String> byPolicy, String id, String name, String fallback) {
        if (id != null && byPolicy.containsKey(id)) {
            return byPolicy.get(id);
        }
        if (name != null && byPolicy.containsKey(name)) {
            return byPolicy.get(name);
        }
        return fallback;
    }

    static boolean isVaultReference(String value) {
        return value != null && VAULT.matcher(value).matches();
    }

    /** Reads the chat settings of a component's config, adding every rule they break to {@code violations}. */
    static ChatSettings read(Map<String, List<String>> config, List<Violation> violations) {
        String token = first(config, SLACK_BOT_TOKEN);
        if (token != null && !isVaultReference(token) && !BOT_TOKEN.matcher(token).matches()) {
            violations.add(Violation.of(SLACK_BOT_TOKEN, "must be a Slack bot token (xoxb-…) or a vault reference "
                    + "such as ${vault.slack-bot-token}"));
        }
        String secret = first(config, SLACK_SIGNING_SECRET);
        if (secret != null && !isVaultReference(secret) && !SIGNING_SECRET.matcher(secret).matches()) {
            violations.add(Violation.of(SLACK_SIGNING_SECRET, "must be the Slack app's signing secret (hex) or a "
                    + "vault reference such as ${vault.slack-signing-secret}"));
        }
        if (token != null && secret == null) {
            violations.add(Violation.of(SLACK_SIGNING_SECRET, "is needed with a bot token: Elevate refuses button "
                    + "presses it cannot verify"));
        }
        String channel = first(config, SLACK_CHANNEL);
        if (channel != null && !CHANNEL.matcher(channel).matches()) {
            violations.add(Violation.of(SLACK_CHANNEL, "must be a channel id such as C0123ABCD or a #name"));
        }
        Map<String, String> channels = pairs(config, SLACK_POLICY_CHANNELS, violations, value -> {
            if (!CHANNEL.matcher(value).matches()) {
                return "must be a channel id such as C0123ABCD or a #name";
            }
            return null;
        }, false);
        boolean dm = "true".equalsIgnoreCase(first(config, SLACK_DIRECT_MESSAGES));
        String dmText = first(config, SLACK_DIRECT_MESSAGES);
        if (dmText != null && !dmText.equalsIgnoreCase("true") && !dmText.equalsIgnoreCase("false")) {
            violations.add(Violation.of(SLACK_DIRECT_MESSAGES, "must be true or false"));
        }
        String teams = first(config, TEAMS_WEBHOOK_URL);
        String teamsProblem = teams == null ? null : teamsUrlProblem(teams);
        if (teamsProblem != null) {
            violations.add(Violation.of(TEAMS_WEBHOOK_URL, teamsProblem));
        }
        // a Teams webhook URL carries its secret (sig=): per policy, where the admin console cannot mask it, only a
        // vault reference is accepted, and a refused entry is named by its place, never echoed
        Map<String, String> teamsByPolicy = pairs(config, TEAMS_POLICY_WEBHOOKS, violations,
                value -> isVaultReference(value) ? null : "must be a vault reference such as ${vault.teams-prod}: "
                        + "a Teams webhook URL holds a secret (sig=) that this setting would show in clear", true);
        String teamId = first(config, SLACK_TEAM_ID);
        if (teamId != null && !TEAM_ID.matcher(teamId).matches()) {
            violations.add(Violation.of(SLACK_TEAM_ID, "must be a Slack workspace id such as T0123ABCD"));
        }
        String appId = first(config, SLACK_APP_ID);
        if (appId != null && !APP_ID.matcher(appId).matches()) {
            violations.add(Violation.of(SLACK_APP_ID, "must be a Slack app id such as A0123ABCD"));
        }
        return new ChatSettings(token, secret, channel, channels, dm, teams, teamsByPolicy, teamId, appId);
    }

    private static String teamsUrlProblem(String value) {
        if (isVaultReference(value)) {
            return null;
        }
        try {
            WebhookUrls.check(value);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /**
     * Entries {@code policy=value}, one a line (or a value each); each key once. When {@code secret}, a refused entry
     * is named by its place (entry 2), never by its text, which may hold the secret.
     */
    private static Map<String, String> pairs(Map<String, List<String>> config, String field,
                                             List<Violation> violations,
                                             java.util.function.Function<String, String> problem, boolean secret) {
        Map<String, String> pairs = new LinkedHashMap<>();
        int entry = 0;
        for (String value : config.getOrDefault(field, List.of())) {
            for (String line : value.split("##|\\R")) {
                if (line.isBlank()) {
                    continue;
                }
                entry++;
                int eq = line.indexOf('=');
                if (eq <= 0 || eq == line.length() - 1) {
                    violations.add(Violation.of(field, (secret ? "entry " + entry : "'" + line.trim() + "'")
                            + " is not policy=value"));
                    continue;
                }
                String key = line.substring(0, eq).trim();
                String target = line.substring(eq + 1).trim();
                String why = problem.apply(target);
                if (why != null) {
                    violations.add(Violation.of(field, (secret ? "entry " + entry : key) + ": " + why));
                } else if (pairs.putIfAbsent(key, target) != null) {
                    violations.add(Violation.of(field, key + " is named twice"));
                }
            }
        }
        return pairs;
    }

    static List<ProviderConfigProperty> properties() {
        return ProviderConfigurationBuilder.create()
                .property().name(SLACK_BOT_TOKEN).label("Slack bot token").type(ProviderConfigProperty.PASSWORD)
                .secret(true).helpText("The Slack app's bot token (xoxb-…, scopes chat:write, users:read, "
                        + "users:read.email, im:write), or a vault reference such as ${vault.slack-bot-token}. "
                        + "Empty: no Slack.").add()
                .property().name(SLACK_SIGNING_SECRET).label("Slack signing secret")
                .type(ProviderConfigProperty.PASSWORD).secret(true)
                .helpText("The Slack app's signing secret, or a vault reference; button presses are verified with "
                        + "it. The app's interactivity request URL is /realms/{realm}/elevation-slack/interactions.")
                .add()
                .property().name(SLACK_TEAM_ID).label("Slack workspace id")
                .type(ProviderConfigProperty.STRING_TYPE)
                .helpText("The Slack workspace (team) id, T0123ABCD. Set it: button presses from any other "
                        + "workspace are then refused. Empty: the workspace is not checked.").add()
                .property().name(SLACK_APP_ID).label("Slack app id").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("The Slack app's id, A0123ABCD: interactions sent for another app are refused. Empty: "
                        + "not checked.").add()
                .property().name(SLACK_CHANNEL).label("Slack channel").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Where requests are posted: a channel id (C0123ABCD) or #name the app is a member of.")
                .add()
                .property().name(SLACK_POLICY_CHANNELS).label("Slack channel per policy")
                .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
                .helpText("policy=channel, one per entry (policy by name or id): that policy's requests go there "
                        + "instead.").add()
                .property().name(SLACK_DIRECT_MESSAGES).label("Slack direct messages to approvers")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("false")
                .helpText("Also send each approver the request as a direct message (found by their email).").add()
                .property().name(TEAMS_WEBHOOK_URL).label("Teams workflow webhook URL")
                .type(ProviderConfigProperty.PASSWORD).secret(true)
                .helpText("A Teams 'Post to a channel when a webhook request is received' workflow URL, or a vault "
                        + "reference. Empty: no Teams.").add()
                .property().name(TEAMS_POLICY_WEBHOOKS).label("Teams webhook per policy")
                .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
                .helpText("policy=${vault.key}, one per entry (policy by name or id): that policy's cards go to the "
                        + "Teams webhook URL in the vault under that key. Only vault references: a webhook URL "
                        + "carries a secret and these entries are not masked.").add()
                .build();
    }

    private static String first(Map<String, List<String>> config, String key) {
        return NotificationSettings.first(config, key);
    }
}
