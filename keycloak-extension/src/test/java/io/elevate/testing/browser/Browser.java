package io.elevate.testing.browser;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.elevate.testing.TestHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A browser without JavaScript for Keycloak's server-rendered flows: it keeps cookies, follows redirects within
 * localhost and submits forms. Each instance has its own cookie jar, i.e. is a fresh browser session.
 *
 * <p>A redirect to any other host or scheme (an external service provider, an app's {@code myapp://} callback) is
 * not followed: the redirect response itself is returned as the {@link Page}, see {@link Page#location()}.
 */
public final class Browser {

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1");
    private static final int MAX_REDIRECTS = 20;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final LocalhostCookies cookies = new LocalhostCookies();
    private final HttpClient http = TestHttp.builder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(TIMEOUT)
            .build();

    /** Navigates to {@code url}, following redirects. */
    public Page open(String url) {
        return navigate(request(URI.create(url)).GET().build());
    }

    /** The cookies currently in this browser's jar. */
    public List<HttpCookie> cookies() {
        return List.copyOf(cookies.jar.getCookieStore().getCookies());
    }

    /** Submits {@code fields} to {@code action} like an HTML form with the given method would, following redirects. */
    Page submit(URI action, String method, Map<String, String> fields) {
        String encoded = fields.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), UTF_8) + "=" + URLEncoder.encode(field.getValue(), UTF_8))
                .collect(Collectors.joining("&"));
        if ("get".equals(method.toLowerCase(Locale.ROOT))) {
            URI target = URI.create(action.toString().replaceFirst("[?#].*$", "") + "?" + encoded);
            return navigate(request(target).GET().build());
        }
        return navigate(request(action)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString(encoded))
                .build());
    }

    private Page navigate(HttpRequest first) {
        HttpRequest request = first;
        for (int redirects = 0; redirects <= MAX_REDIRECTS; redirects++) {
            HttpResponse<String> response = exchange(request);
            Optional<URI> target = redirectTarget(response.statusCode(), response.uri(), response.headers())
                    .filter(Browser::isLocal);
            if (target.isEmpty()) {
                return new Page(this, response);
            }
            request = response.statusCode() == 307 || response.statusCode() == 308
                    ? HttpRequest.newBuilder(request, (name, value) -> true).uri(target.get()).build()
                    : request(target.get()).GET().build();
        }
        throw new IllegalStateException("More than " + MAX_REDIRECTS + " redirects, starting at " + first.uri());
    }

    /** The {@code Location} of a redirect response to a request for {@code url}, resolved against that URL. */
    static Optional<URI> redirectTarget(int status, URI url, HttpHeaders headers) {
        if (!REDIRECTS.contains(status)) {
            return Optional.empty();
        }
        return headers.firstValue("Location").map(url::resolve);
    }

    /** Whether {@code uri} is an http(s) URL of this machine. */
    private static boolean isLocal(URI uri) {
        String scheme = uri.getScheme();
        return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
                && uri.getHost() != null
                && LOCAL_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT));
    }

    private static HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .header("Accept-Language", "en")
                .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) ElevateTestBrowser/1.0");
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + request.method() + " " + request.uri(), e);
        }
    }

    /**
     * An accept-all cookie jar that, like browsers, counts http://localhost as a secure context: Keycloak marks its
     * cookies {@code Secure; SameSite=None} even over plain HTTP, and {@link CookieManager} alone would never send them.
     */
    private static final class LocalhostCookies extends CookieHandler {

        private final CookieManager jar = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) throws IOException {
            boolean plainLocalhost = isLocal(uri) && "http".equalsIgnoreCase(uri.getScheme());
            return jar.get(plainLocalhost ? URI.create("https" + uri.toString().substring(4)) : uri, requestHeaders);
        }

        @Override
        public void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
            jar.put(uri, responseHeaders);
        }
    }
}
