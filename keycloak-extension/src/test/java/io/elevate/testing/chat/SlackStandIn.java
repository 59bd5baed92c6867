package io.elevate.testing.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Slack's Web API in the test JVM, for the methods Elevate calls: {@code chat.postMessage}, {@code chat.update},
 * {@code chat.postEphemeral}, {@code users.info}, {@code users.lookupByEmail}, {@code views.open} (and {@code auth.test}). It checks the bot
 * token (Authorization: Bearer), records every call, and answers as Slack's API reference shows: {@code ok: true}
 * with the fields Elevate reads, or {@code ok: false} with Slack's error code ({@code invalid_auth},
 * {@code message_not_found}, {@code user_not_found}, {@code users_not_found}); a rate limit is HTTP 429 with
 * {@code Retry-After}. Faults are queued per method.
 */
public final class SlackStandIn implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One call as Slack saw it: the method, its parameters (form or JSON), and what it answered. */
    public record Call(String method, Map<String, String> params, int status, String error) {
        public String param(String name) {
            return params.get(name);
        }
    }

    /** A Slack user: id, name and profile email. */
    public record User(String id, String name, String email) {
    }

    private final HttpServer server;
    private final String token;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, User> users = new ConcurrentHashMap<>();
    /** channel|ts of every message posted, with its latest blocks. */
    private final Map<String, String> messages = new ConcurrentHashMap<>();
    /** channel|ts of every message posted, with the blocks it was posted with. */
    private final Map<String, String> originals = new ConcurrentHashMap<>();
    private final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();
    private final AtomicLong ts = new AtomicLong(1_700_000_000_000100L);

    private record Fault(int status, String error, int retryAfter) {
    }

    private SlackStandIn(String token) throws IOException {
        this.token = token;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/", this::handle);
        server.start();
    }

    public static SlackStandIn start(String token) throws IOException {
        return new SlackStandIn(token);
    }

    /** The base URL the SDK is pointed at ({@code SlackConfig#setMethodsEndpointUrlPrefix}). */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    /** The bot token it accepts. */
    public String token() {
        return token;
    }

    public void addUser(User user) {
        users.put(user.id(), user);
    }

    /** The next {@code times} calls of {@code method} answer HTTP 429 with Retry-After {@code seconds}. */
    public void rateLimit(String method, int times, int seconds) {
        for (int i = 0; i < times; i++) {
            faults.computeIfAbsent(method, m -> new ArrayDeque<>()).add(new Fault(429, null, seconds));
        }
    }

    /** The next {@code times} calls of {@code method} answer {@code ok: false} with {@code error}. */
    public void fail(String method, String error, int times) {
        for (int i = 0; i < times; i++) {
            faults.computeIfAbsent(method, m -> new ArrayDeque<>()).add(new Fault(200, error, 0));
        }
    }

    /** Forgets every queued fault: the methods answer again. */
    public void clearFaults() {
        synchronized (faults) {
            faults.clear();
        }
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestURI().getPath().substring("/api/".length());
            String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            Map<String, String> params = type != null && type.startsWith("application/json") ? json(body) : form(body);
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null && params.containsKey("token")) {
                auth = "Bearer " + params.get("token");
            }
            Fault fault = null;
            synchronized (faults) {
                Deque<Fault> queued = faults.get(method);
                if (queued != null && !queued.isEmpty()) {
                    fault = queued.poll();
                }
            }
            if (fault != null && fault.status() == 429) {
                calls.add(new Call(method, params, 429, "ratelimited"));
                exchange.getResponseHeaders().add("Retry-After", String.valueOf(fault.retryAfter()));
                exchange.sendResponseHeaders(429, -1);
                return;
            }
            ObjectNode answer;
            if (!("Bearer " + token).equals(auth)) {
                answer = error("invalid_auth");
            } else if (fault != null) {
                answer = error(fault.error());
            } else {
                answer = answer(method, params);
            }
            calls.add(new Call(method, params, 200, answer.path("ok").asBoolean() ? null : answer.path("error").asText()));
            byte[] bytes = JSON.writeValueAsBytes(answer);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private ObjectNode answer(String method, Map<String, String> params) {
        ObjectNode ok = JSON.createObjectNode().put("ok", true);
        switch (method) {
            case "chat.postMessage" -> {
                String channel = params.get("channel");
                if (channel != null && channel.startsWith("U")) {
                    channel = "D" + channel.substring(1); // a direct message goes to the user's IM channel
                }
                String stamp = next();
                messages.put(channel + "|" + stamp, params.getOrDefault("blocks", ""));
                originals.put(channel + "|" + stamp, params.getOrDefault("blocks", ""));
                ok.put("channel", channel).put("ts", stamp);
                ok.putObject("message").put("text", params.get("text")).put("ts", stamp);
                return ok;
            }
            case "chat.update" -> {
                String key = params.get("channel") + "|" + params.get("ts");
                if (!messages.containsKey(key)) {
                    return error("message_not_found");
                }
                messages.put(key, params.getOrDefault("blocks", ""));
                return ok.put("channel", params.get("channel")).put("ts", params.get("ts"))
                        .put("text", params.get("text"));
            }
            case "chat.postEphemeral" -> {
                return ok.put("message_ts", next());
            }
            case "users.info" -> {
                User user = users.get(params.get("user"));
                if (user == null) {
                    return error("user_not_found");
                }
                ObjectNode u = ok.putObject("user").put("id", user.id()).put("name", user.name());
                u.putObject("profile").put("email", user.email()).put("real_name", user.name());
                return ok;
            }
            case "users.lookupByEmail" -> {
                return users.values().stream().filter(u -> u.email().equalsIgnoreCase(params.get("email")))
                        .findFirst().map(u -> {
                            ObjectNode found = ok.putObject("user").put("id", u.id()).put("name", u.name());
                            found.putObject("profile").put("email", u.email());
                            return ok;
                        }).orElseGet(() -> error("users_not_found"));
            }
            case "auth.test" -> {
                return ok.put("url", "https://elevate-test.slack.com/").put("team", "Elevate Test")
                        .put("user", "elevate").put("team_id", "T0ELEVATE1").put("user_id", "U0ELEVATEBOT");
            }
            case "views.open" -> {
                ok.putObject("view").put("id", "V" + next().replace(".", ""));
                return ok;
            }
            default -> {
                return error("unknown_method");
            }
        }
    }

    /** The message (channel|ts) first posted with blocks containing {@code needle}. */
    public java.util.Optional<String> messageAbout(String needle) {
        return originals.entrySet().stream().filter(e -> e.getValue().contains(needle)).map(Map.Entry::getKey)
                .findFirst();
    }

    /** The latest blocks (JSON) of the message {@code channel|ts}. */
    public String blocksOf(String channelAndTs) {
        return messages.get(channelAndTs);
    }

    private String next() {
        long value = ts.incrementAndGet();
        return (value / 1_000_000) + "." + String.format("%06d", value % 1_000_000);
    }

    private static ObjectNode error(String code) {
        return JSON.createObjectNode().put("ok", false).put("error", code);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> values = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(URLDecoder.decode(pair.substring(0, eq), UTF_8), URLDecoder.decode(pair.substring(eq + 1),
                        UTF_8));
            }
        }
        return values;
    }

    private static Map<String, String> json(String body) throws IOException {
        Map<String, String> values = new HashMap<>();
        JsonNode node = JSON.readTree(body);
        if (node != null) {
            node.fields().forEachRemaining(f -> values.put(f.getKey(), f.getValue().isTextual()
                    ? f.getValue().asText() : f.getValue().toString()));
        }
        return values;
    }

    public List<String> methods() {
        List<String> methods = new ArrayList<>();
        calls.forEach(c -> methods.add(c.method()));
        return methods;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
