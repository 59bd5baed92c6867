package io.elevate.testing.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * A stand-in for IAM's query API, in the test JVM, plain HTTP on 127.0.0.1: {@code PutRolePolicy} and
 * {@code DeleteRolePolicy} as AWS answers them (XML, {@code ResponseMetadata/RequestId}), every call recorded. Started by
 * {@link io.elevate.testing.server.KeycloakServer} before Keycloak, whose revocation worker is pointed at it.
 */
public final class IamContractServer implements AutoCloseable {

    private static final String NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";

    /** One request: its form parameters and whether it was signed (SigV4 {@code Authorization} header). */
    public record Call(String action, String roleName, String policyName, String policyDocument, boolean signed,
                       int status) {
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

    private IamContractServer(HttpServer server) {
        this.server = server;
    }

    public static IamContractServer start() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        IamContractServer iam = new IamContractServer(http);
        http.createContext("/", iam::handle);
        http.start();
        return iam;
    }

    /** What Keycloak's {@code iam-endpoint} option is set to. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Answers the next {@code times} calls whose policy document names {@code text} with a 500 ServiceFailure. */
    public void failCallsNaming(String text, int times) {
        failures.put(text, new AtomicInteger(times));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), UTF_8));
            String action = form.getOrDefault("Action", "");
            String document = form.get("PolicyDocument");
            boolean signed = exchange.getRequestHeaders().getFirst("Authorization") != null
                    && exchange.getRequestHeaders().getFirst("Authorization").startsWith("AWS4-HMAC-SHA256");
            String requestId = UUID.randomUUID().toString();
            int status;
            String body;
            if (!"POST".equals(exchange.getRequestMethod()) || !List.of("PutRolePolicy", "DeleteRolePolicy").contains(action)) {
                status = 400;
                body = error("Sender", "InvalidAction", "not implemented by the contract server: " + action, requestId);
            } else if (form.get("RoleName") == null || form.get("PolicyName") == null
                    || ("PutRolePolicy".equals(action) && document == null)) {
                status = 400;
                body = error("Sender", "ValidationError", "RoleName, PolicyName (and PolicyDocument) are required",
                        requestId);
            } else if (shouldFail(document)) {
                status = 500;
                body = error("Receiver", "ServiceFailure", "the contract server was told to fail", requestId);
            } else {
                status = 200;
                body = "<" + action + "Response xmlns=\"" + NAMESPACE + "\"><ResponseMetadata><RequestId>" + requestId
                        + "</RequestId></ResponseMetadata></" + action + "Response>";
            }
            calls.add(new Call(action, form.get("RoleName"), form.get("PolicyName"), document, signed, status));
            byte[] bytes = body.getBytes(UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
            exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private boolean shouldFail(String document) {
        if (document == null) {
            return false;
        }
        for (Map.Entry<String, AtomicInteger> failure : failures.entrySet()) {
            if (document.contains(failure.getKey()) && failure.getValue().getAndDecrement() > 0) {
                return true;
            }
        }
        return false;
    }

    private static String error(String type, String code, String message, String requestId) {
        return "<ErrorResponse xmlns=\"" + NAMESPACE + "\"><Error><Type>" + type + "</Type><Code>" + code
                + "</Code><Message>" + message + "</Message></Error><RequestId>" + requestId
                + "</RequestId></ErrorResponse>";
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), UTF_8);
            form.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), UTF_8));
        }
        return form;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Calls so far, oldest first, for failure messages. */
    @Override
    public String toString() {
        return new ArrayList<>(calls).toString();
    }
}
