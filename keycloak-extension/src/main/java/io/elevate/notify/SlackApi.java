package io.elevate.notify;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import org.keycloak.Config;

import java.io.IOException;
import java.time.Duration;

/**
 * Slack's Web API through Slack's Java SDK, one client per server (it holds a connection pool). Its base URL is
 * {@code https://slack.com/api/} unless the server sets {@code --spi-elevate-timers--default--slack-api-url} (a stand-in
 * or a proxy). A call's failure is an {@link Outcome}: Slack's error code, or HTTP 429 with its Retry-After.
 */
public final class SlackApi {

    public static final String URL_SETTING = "slackApiUrl";
    static final String DEFAULT_URL = "https://slack.com/api/";

    private SlackApi() {
    }

    private static final class Holder {
        static final Slack SLACK = Slack.getInstance(config());
    }

    private static SlackConfig config() {
        SlackConfig config = new SlackConfig();
        Config.Scope timers = Config.scope("elevate-timers", "default");
        String url = timers == null ? null : timers.get(URL_SETTING);
        config.setMethodsEndpointUrlPrefix(url == null || url.isBlank() ? DEFAULT_URL
                : url.endsWith("/") ? url : url + "/");
        config.setPrettyResponseLoggingEnabled(false);
        config.setFailOnUnknownProperties(false);
        config.setStatsEnabled(false); // no metrics of its own, so no auth.test call to learn the team
        return config;
    }

    /** The Web API methods with the bot token. */
    public static MethodsClient methods(String token) {
        return Holder.SLACK.methods(token);
    }

    /** A call of the Web API. */
    @FunctionalInterface
    public interface Call<T extends SlackApiTextResponse> {
        T call() throws IOException, SlackApiException;
    }

    /** Runs a call; a refusal ({@code ok: false}), a 429 or a transport error becomes an {@link Outcome}. */
    static <T extends SlackApiTextResponse> Result<T> run(String method, Call<T> call) {
        try {
            T response = call.call();
            if (!response.isOk()) {
                return new Result<>(null, Outcome.failed(method + ": " + response.getError()));
            }
            return new Result<>(response, null);
        } catch (SlackApiException e) {
            int code = e.getResponse().code();
            if (code == 429) {
                return new Result<>(null, Outcome.rateLimited(method + ": rate limited, ",
                        e.getResponse().header("Retry-After")));
            }
            return new Result<>(null, Outcome.failed(method + ": HTTP " + code));
        } catch (IOException e) {
            return new Result<>(null, Outcome.failed(method + ": " + e));
        }
    }

    /** The response, or the failure. */
    record Result<T>(T response, Outcome failure) {
        boolean ok() {
            return failure == null;
        }
    }
}
