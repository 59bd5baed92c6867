package io.elevate.cli.aws;

import io.elevate.cli.CliException;
import io.elevate.cli.Context;
import io.elevate.cli.Settings;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * AWS credentials for the open elevation window: the window, then {@code AssumeRoleWithWebIdentity} with the access
 * token, the user name as role session name, and a session that ends no later than the window.
 */
final class Elevation {

    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9_+=,.@/-]{1,512}");
    private static final String FALLBACK_REGION = "us-east-1";

    /** The window and the credentials of one run. */
    record Assumed(OpenWindow window, String roleArn, String region, AwsCredentials credentials, Instant at) {
    }

    private Elevation() {
    }

    static Assumed assume(Context context, AwsOptions options) {
        Settings settings = context.settings();
        // Check the settings before any network call, so that a typo is a usage error, not a remote one.
        Optional<String> givenRole = settings.get(Settings.ROLE_ARN, options.roleArn);
        givenRole.ifPresent(Elevation::checkRoleArn);
        Optional<URI> endpoint = settings.get(Settings.STS_ENDPOINT, options.stsEndpoint).map(Elevation::endpoint);

        OpenWindow window = OpenWindow.resolve(context.session(), context.api());
        Instant now = context.environment().clock().instant();
        int duration = SessionDurations.forCredentials(window.endsAt(), now);
        String roleArn = givenRole.orElse(window.roleArn());
        checkRoleArn(roleArn);
        String region = region(settings, options, window);
        AwsCredentials credentials = new WebIdentitySts().assume(new WebIdentitySts.Call(roleArn,
                RoleSessionName.of(window.token().username()), window.token().raw(), duration, region,
                endpoint.orElse(null)));
        return new Assumed(window, roleArn, region, credentials, now);
    }

    static String region(Settings settings, AwsOptions options, OpenWindow window) {
        return settings.get(Settings.REGION, options.region)
                .orElse(window.region() == null || window.region().isEmpty() ? FALLBACK_REGION : window.region());
    }

    static void checkRoleArn(String arn) {
        if (!ROLE_ARN.matcher(arn).matches()) {
            throw CliException.usage("not an IAM role ARN: '" + arn + "' (e.g. arn:aws:iam::123456789012:role/Name)");
        }
    }

    /** An http(s) URL, or a usage error naming the setting. */
    static URI endpoint(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getHost() != null && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                return uri;
            }
        } catch (IllegalArgumentException malformed) {
            // below
        }
        throw CliException.usage("not an http(s) URL: '" + url + "'");
    }
}
