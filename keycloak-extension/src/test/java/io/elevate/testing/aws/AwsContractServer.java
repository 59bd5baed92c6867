package io.elevate.testing.aws;

import io.elevate.aws.client.AwsService;
import io.elevate.aws.client.AwsSettings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * A stand-in for AWS's APIs, in the test JVM, plain HTTP on 127.0.0.1, for the real AWS SDK clients to talk to. It
 * checks that every request is SigV4-signed with the test credentials (the signature is recomputed, as AWS does) and
 * answers with the documents of AWS's API references; a request with a bad signature gets AWS's
 * {@code SignatureDoesNotMatch}. Which service a request is for comes from its credential scope; the operation from
 * the {@code Action} parameter (query protocols) or the {@code X-Amz-Target} header (JSON protocols).
 *
 * <p>Each service is a {@link Handler}; tests can make the next calls of an operation fail as AWS does when it
 * throttles, denies or does not answer in time ({@link #fail}). Every request is recorded. {@link #settings()} points
 * the extension's {@link io.elevate.aws.client.AwsClients} here.
 */
public final class AwsContractServer implements AutoCloseable {

    /** The credentials the SDK under test signs with (its default chain reads them from the environment). */
    public static final String ACCESS_KEY_ID = "AKIAELEVATETEST00000";
    public static final String SECRET_ACCESS_KEY = "elevate-test-secret";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How a service encodes requests and errors. */
    public enum Protocol {
        /** IAM, SNS: form parameters, XML answers wrapped in {@code <ActionResponse><ActionResult>}. */
        QUERY,
        /** EC2: form parameters, XML answers without a result wrapper, errors in {@code <Response><Errors>}. */
        EC2,
        /** AWS Config, SSM: a JSON body, the operation in {@code X-Amz-Target}, errors as {@code __type}. */
        JSON
    }

    /** A failure AWS can answer with. */
    public enum Fault {
        /** The rate limit: the SDK retries it. */
        THROTTLE,
        /** The credentials may not do this: the SDK does not retry. */
        ACCESS_DENIED,
        /** No answer within the client's timeouts (the answer comes 15 s late). */
        TIMEOUT
    }

    /** One request as it arrived. */
    public record Request(String service, String region, String action, Map<String, String> form, String body,
                          boolean signed, String signatureProblem, int status) {

        public String param(String name) {
            return form.get(name);
        }

        /** Form parameters whose names start with {@code prefix} (e.g. {@code InstanceId.}), in order. */
        public List<String> params(String prefix) {
            return form.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(Map.Entry::getValue)
                    .toList();
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A service's answer. */
    public record Reply(int status, String contentType, String body) {

        public static Reply xml(String body) {
            return new Reply(200, "text/xml", body);
        }

        public static Reply json(String body) {
            return new Reply(200, "application/x-amz-json-1.1", body);
        }

        /** An error in the service's own format. */
        public static Reply error(Protocol protocol, int status, String code, String message) {
            String requestId = UUID.randomUUID().toString();
            return switch (protocol) {
                case QUERY -> new Reply(status, "text/xml", "<ErrorResponse><Error><Type>"
                        + (status >= 500 ? "Receiver" : "Sender") + "</Type><Code>" + code + "</Code><Message>"
                        + escape(message) + "</Message></Error><RequestId>" + requestId + "</RequestId></ErrorResponse>");
                case EC2 -> new Reply(status, "text/xml", "<Response><Errors><Error><Code>" + code + "</Code><Message>"
                        + escape(message) + "</Message></Error></Errors><RequestID>" + requestId
                        + "</RequestID></Response>");
                case JSON -> new Reply(status, "application/x-amz-json-1.1",
                        "{\"__type\":\"" + code + "\",\"message\":\"" + message.replace("\"", "'") + "\"}");
            };
        }
    }

    /** One AWS service of the stand-in. */
    public interface Handler {
        Protocol protocol();

        Reply handle(Request request);
    }

    private record Failure(String service, String action, Fault fault, AtomicInteger left) {
    }

    private final HttpServer server;
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Failure> failures = new CopyOnWriteArrayList<>();

    private AwsContractServer(HttpServer server) {
        this.server = server;
    }

    public static AwsContractServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            AwsContractServer aws = new AwsContractServer(http);
            http.createContext("/", aws::handle);
            http.setExecutor(Executors.newCachedThreadPool(r -> {
                Thread thread = new Thread(r, "aws-contract-server");
                thread.setDaemon(true);
                return thread;
            }));
            http.start();
            return aws;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the AWS contract server", e);
        }
    }

    /** Serves {@code service} (the signing name: {@code iam}, {@code ec2}, {@code config}, {@code sns}, {@code ssm}). */
    public AwsContractServer serve(String service, Handler handler) {
        handlers.put(service, handler);
        return this;
    }

    /**
     * Settings for {@link AwsClients} that send every service here, with short timeouts (a {@link Fault#TIMEOUT}
     * gives up after 2 s).
     */
    public AwsSettings settings() {
        Map<AwsService, URI> endpoints = new EnumMap<>(AwsService.class);
        for (AwsService service : AwsService.values()) {
            endpoints.put(service, URI.create(endpoint()));
        }
        return new AwsSettings(true, "eu-west-1", endpoints, null, Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofSeconds(6), 3);
    }

    /** What the SDK's endpoint override is set to, for every service. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next {@code times} calls of {@code service}'s {@code action} answer with {@code fault}. */
    public void fail(String service, String action, Fault fault, int times) {
        failures.add(new Failure(service, action, fault, new AtomicInteger(times)));
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(String service, String action) {
        return requests.stream().filter(r -> r.service().equals(service) && r.action().equals(action)).toList();
    }

    public List<Request> requests(Predicate<Request> which) {
        return requests.stream().filter(which).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            String body = new String(raw, UTF_8);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
            SigV4.Check signature = SigV4.check(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), headers, raw, ACCESS_KEY_ID, SECRET_ACCESS_KEY);
            String service = signature.service() == null ? "?" : signature.service();
            Handler handler = handlers.get(service);
            String target = headers.containsKey("x-amz-target") ? headers.get("x-amz-target").get(0) : null;
            Map<String, String> form = target == null ? form(body) : Map.of();
            String action = target != null ? target.substring(target.lastIndexOf('.') + 1)
                    : form.getOrDefault("Action", "?");
            Protocol protocol = handler == null ? Protocol.QUERY : handler.protocol();
            Reply reply;
            if (!signature.valid()) {
                reply = Reply.error(protocol, 403, "SignatureDoesNotMatch", signature.problem());
            } else if (handler == null) {
                reply = Reply.error(protocol, 400, "UnknownService", "the contract server does not serve " + service);
            } else {
                Fault fault = takeFault(service, action);
                if (fault == Fault.TIMEOUT) {
                    sleep(15_000);
                }
                reply = fault == null || fault == Fault.TIMEOUT ? handler.handle(
                        new Request(service, signature.region(), action, form, body, true, null, 0))
                        : faultReply(protocol, service, fault);
            }
            requests.add(new Request(service, signature.region(), action, form, body, signature.valid(),
                    signature.problem(), reply.status()));
            byte[] bytes = reply.body().getBytes(UTF_8);
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            } catch (IOException clientGaveUp) {
                // a timed-out client has closed the connection
            }
        }
    }

    private Fault takeFault(String service, String action) {
        for (Failure failure : failures) {
            if (failure.service().equals(service) && failure.action().equals(action)
                    && failure.left().getAndDecrement() > 0) {
                return failure.fault();
            }
        }
        return null;
    }

    private static Reply faultReply(Protocol protocol, String service, Fault fault) {
        return switch (fault) {
            case THROTTLE -> switch (protocol) {
                case EC2 -> Reply.error(protocol, 503, "RequestLimitExceeded", "Request limit exceeded.");
                case JSON -> Reply.error(protocol, 400, "ThrottlingException", "Rate exceeded");
                case QUERY -> Reply.error(protocol, 400, "Throttling", "Rate exceeded");
            };
            case ACCESS_DENIED -> switch (protocol) {
                case EC2 -> Reply.error(protocol, 403, "UnauthorizedOperation",
                        "You are not authorized to perform this operation.");
                case JSON -> Reply.error(protocol, 400, "AccessDeniedException",
                        "User is not authorized to perform this action");
                case QUERY -> Reply.error(protocol, 403, "sns".equals(service) ? "AuthorizationError" : "AccessDenied",
                        "User is not authorized to perform this action");
            };
            case TIMEOUT -> throw new IllegalArgumentException("a timeout has no reply");
        };
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Map<String, String> form(String body) {
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

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Requests so far, oldest first, for failure messages. */
    @Override
    public String toString() {
        return new ArrayList<>(requests).toString();
    }
}
