package io.elevate.testing.aws;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.elevate.testing.browser.StandInServer;
import io.elevate.testing.saml.SamlPost;
import io.elevate.testing.server.ElevateBuild;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A stand-in for AWS's sign-in endpoint {@code https://signin.aws.amazon.com}, run in the test JVM: an HTTPS server
 * on 127.0.0.1 with a certificate made at start, which records every request it receives. Its SAML assertion
 * consumer service, {@code POST /saml}, answers a small page, as AWS would after checking the assertion; anything
 * else is 404. Browsers reach it through {@link io.elevate.testing.browser.Chromium}'s host resolver rules.
 *
 * <p>Use it as a static extension, {@code @RegisterExtension static final AwsSignInEndpoint AWS = new
 * AwsSignInEndpoint();}: it starts before the class's tests, forgets what it received before each test, and stops
 * after them. Or {@link #start} and {@link #close} it yourself.
 */
public final class AwsSignInEndpoint implements StandInServer, AutoCloseable, BeforeAllCallback, AfterAllCallback,
        BeforeEachCallback {

    public static final String HOST = "signin.aws.amazon.com";
    /** The ACS URL AWS's SAML metadata names; Keycloak's demo client posts there. */
    public static final URI ACS_URL = URI.create("https://" + HOST + "/saml");

    private final List<Received> received = new ArrayList<>();
    private HttpsServer server;
    private ExecutorService executor;
    private String startedBy;

    /** Starts listening on a free port of 127.0.0.1; the key store and its log go to {@code workDirectory}. */
    public synchronized void start(Path workDirectory) {
        if (server != null) {
            throw new IllegalStateException("The AWS sign-in stand-in is already running on port " + port());
        }
        try {
            HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            https.setHttpsConfigurator(new HttpsConfigurator(SelfSignedTls.serverContext(workDirectory, hostNames())));
            https.createContext("/", this::handle);
            executor = Executors.newFixedThreadPool(2, runnable -> {
                Thread thread = new Thread(runnable, "aws-sign-in-stand-in");
                thread.setDaemon(true);
                return thread;
            });
            https.setExecutor(executor);
            https.start();
            server = https;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the AWS sign-in stand-in", e);
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (startedBy == null) {
            start(ElevateBuild.fromSystemProperties().buildDirectory().resolve("aws-sign-in-stand-in"));
            startedBy = context.getUniqueId();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (context.getUniqueId().equals(startedBy)) {
            close();
            startedBy = null;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        forget();
    }

    @Override
    public List<String> hostNames() {
        return List.of(HOST);
    }

    @Override
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("The AWS sign-in stand-in is not running");
        }
        return server.getAddress().getPort();
    }

    /** Every request received since the start or the last {@link #forget()}, in order. */
    public synchronized List<Received> requests() {
        return List.copyOf(received);
    }

    /** Forgets the requests received so far. */
    public synchronized void forget() {
        received.clear();
    }

    /** The SAML Responses posted to the ACS so far, in order. */
    public List<SamlPost> samlPosts() {
        return requests().stream().filter(Received::isSamlPost).map(Received::samlPost).toList();
    }

    /**
     * Waits until a SAML Response is posted to the ACS and returns the first one received.
     *
     * @throws AssertionError if none arrives within {@code timeout}, listing what was received instead
     */
    public synchronized SamlPost awaitSamlPost(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<Received> post = received.stream().filter(Received::isSamlPost).findFirst();
            if (post.isPresent()) {
                return post.get().samlPost();
            }
            long left = Duration.between(Instant.now(), deadline).toMillis();
            if (left <= 0) {
                throw new AssertionError("No SAML Response was posted to " + ACS_URL + " within " + timeout.toSeconds()
                        + " s; received: " + received);
            }
            wait(left);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI(),
                    copy(exchange.getRequestHeaders()), new String(in.readAllBytes(), UTF_8));
            synchronized (this) {
                received.add(request);
                notifyAll();
            }
            if (request.isSamlPost()) {
                respond(exchange, 200, "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                        + "<title>AWS sign-in (test stand-in)</title></head><body style=\"font-family:sans-serif;"
                        + "margin:3rem\"><h1>AWS sign-in stand-in</h1><p id=\"received\">Received a SAML Response"
                        + " (RelayState: " + escape(request.form().getOrDefault("RelayState", "none"))
                        + ").</p></body></html>");
            } else {
                respond(exchange, 404, "<!DOCTYPE html><title>Not found</title><p>The AWS sign-in stand-in serves"
                        + " only POST /saml.</p>");
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String html) throws IOException {
        byte[] body = html.getBytes(UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, List<String>> copy(Headers headers) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> copy.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        return Collections.unmodifiableMap(copy);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** One request as the stand-in received it; header names in lower case. */
    public record Received(String method, URI uri, Map<String, List<String>> headers, String body) {

        /** Whether this is a form POST to the ACS path {@code /saml}. */
        public boolean isSamlPost() {
            return "POST".equals(method) && ACS_URL.getPath().equals(uri.getPath());
        }

        /** The first value of a header, if sent. */
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT))).flatMap(v -> v.stream().findFirst());
        }

        /** The body as {@code application/x-www-form-urlencoded} fields, decoded, in order (the first of repeated ones). */
        public Map<String, String> form() {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), UTF_8);
                fields.putIfAbsent(name, value);
            }
            return Collections.unmodifiableMap(fields);
        }

        /** The SAML Response of this ACS POST, as posted to {@link #ACS_URL}. */
        public SamlPost samlPost() {
            return SamlPost.fromForm(ACS_URL, form());
        }

        @Override
        public String toString() {
            return method + " " + uri + " (" + body.length() + " characters)";
        }
    }
}
