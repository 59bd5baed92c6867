package io.elevate.cli.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A tiny HTTP server on 127.0.0.1 for unit tests: answers each {@code METHOD /path} (or {@code /path/*} prefix) with
 * a handler, 404 otherwise, and records every request.
 */
public final class StubServer implements AutoCloseable {

    /** A request as received; header names in lower case. */
    public record Request(String method, URI uri, Map<String, List<String>> headers, String body) {

        /** The body as a form, or the query string when there is no body. */
        public Map<String, String> form() {
            return decode(body.isEmpty() ? (uri.getRawQuery() == null ? "" : uri.getRawQuery()) : body);
        }

        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT))).flatMap(v -> v.stream().findFirst());
        }
    }

    /** An answer. */
    public record Reply(int status, String contentType, String body) {

        public static Reply json(int status, String json) {
            return new Reply(status, "application/json", json);
        }

        public static Reply oauthError(String error) {
            return json(400, "{\"error\":\"" + error + "\",\"error_description\":\"" + error + " (stub)\"}");
        }
    }

    private final HttpServer server;
    private final Map<String, Function<Request, Reply>> routes = new LinkedHashMap<>();
    private final List<Request> received = new ArrayList<>();

    private StubServer(HttpServer server) {
        this.server = server;
    }

    public static StubServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            StubServer stub = new StubServer(http);
            http.createContext("/", stub::handle);
            http.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers {@code method path} with {@code handler}; a path ending in {@code /*} matches everything below it. */
    public synchronized StubServer route(String method, String path, Function<Request, Reply> handler) {
        routes.put(method + " " + path, handler);
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public synchronized List<Request> received() {
        return List.copyOf(received);
    }

    public synchronized List<Request> received(String path) {
        return received.stream().filter(r -> r.uri().getPath().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI(), headers,
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            Function<Request, Reply> handler;
            synchronized (this) {
                received.add(request);
                handler = find(request);
            }
            Reply reply = handler == null ? new Reply(404, "text/plain", "no stub for " + request.method() + " "
                    + request.uri().getPath()) : handler.apply(request);
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private Function<Request, Reply> find(Request request) {
        String path = request.uri().getPath();
        Function<Request, Reply> exact = routes.get(request.method() + " " + path);
        if (exact != null) {
            return exact;
        }
        return routes.entrySet().stream()
                .filter(route -> route.getKey().endsWith("/*")
                        && (request.method() + " " + path).startsWith(route.getKey().substring(0, route.getKey().length() - 1)))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    static Map<String, String> decode(String encoded) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            fields.put(URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8),
                    equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }
}
