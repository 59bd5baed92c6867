package io.elevate.testing.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Teams workflow webhook ("Post to a channel when a webhook request is received") in the test JVM: it records every
 * POST with its JSON body and answers as the workflow endpoint does, {@code 202 Accepted} with no body; queued faults
 * answer instead, in order, each for the next POST whose body holds its text: for example {@code 429} with
 * {@code Retry-After} (Teams' throttling) or a {@code 5xx}. A POST without the URL's signature ({@code sig=}) is
 * refused with {@code 401}, as Teams refuses it.
 */
public final class TeamsStandIn implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/workflows/elevate/triggers/manual/paths/invoke";
    private static final String SIGNATURE = "stand-in-secret";

    /** One POST as the workflow saw it: its body and what it answered. */
    public record Call(JsonNode body, int status) {
        public boolean delivered() {
            return status == 202;
        }
    }

    private record Fault(String needle, int status, Integer retryAfter) {
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<Fault> faults = new ArrayList<>();
    /** While not 0, every POST answers this status (an outage). */
    private volatile int outage;

    private TeamsStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(PATH, this::handle);
        server.start();
    }

    public static TeamsStandIn start() throws IOException {
        return new TeamsStandIn();
    }

    /** The webhook URL, with its signature as a query parameter (as Teams' URLs carry one). */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH + "?api-version=1&sig=" + SIGNATURE;
    }

    /** The next POST whose body contains {@code needle} answers 429 with Retry-After {@code seconds}. */
    public synchronized void rateLimit(String needle, int seconds) {
        faults.add(new Fault(needle, 429, seconds));
    }

    /** The next POST whose body contains {@code needle} answers {@code status} (a 5xx). */
    public synchronized void fail(String needle, int status) {
        faults.add(new Fault(needle, status, null));
    }

    /** Every POST answers {@code status} (a 5xx) until {@link #up()}. */
    public void down(int status) {
        outage = status;
    }

    /** The outage is over. */
    public void up() {
        outage = 0;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
            Fault fault = null;
            synchronized (this) {
                for (Fault queued : faults) {
                    if (text.contains(queued.needle())) {
                        fault = queued;
                        faults.remove(queued);
                        break;
                    }
                }
            }
            JsonNode json;
            try {
                json = JSON.readTree(body);
            } catch (IOException notJson) {
                calls.add(new Call(null, 400));
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())
                    || !String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"))
                    .startsWith("application/json")) {
                calls.add(new Call(json, 400));
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            // the workflow's URL is its credential: without its signature Teams answers 401
            String query = exchange.getRequestURI().getRawQuery();
            if (query == null || !List.of(query.split("&")).contains("sig=" + SIGNATURE)) {
                calls.add(new Call(json, 401));
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            int status = fault != null ? fault.status() : outage != 0 ? outage : 202;
            calls.add(new Call(json, status));
            if (fault != null && fault.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", String.valueOf(fault.retryAfter()));
            }
            exchange.sendResponseHeaders(status, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
