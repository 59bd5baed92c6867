package io.elevate.testing.aws;

import io.elevate.testing.aws.AwsContractServer.Protocol;
import io.elevate.testing.aws.AwsContractServer.Reply;
import io.elevate.testing.aws.AwsContractServer.Request;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URLEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * IAM's role inline policies as the {@link AwsContractServer} serves them: {@code PutRolePolicy},
 * {@code GetRolePolicy} and {@code DeleteRolePolicy} keep a policy per role and name, and answer as IAM's API reference
 * shows: {@code NoSuchEntity} for a role that does not exist or a policy that is not there,
 * {@code MalformedPolicyDocument} for a document that is not a JSON policy, {@code LimitExceeded} when the role's inline
 * policies would exceed 10,240 characters in total (counted as IAM does, without whitespace). Roles exist when created
 * ({@link #createRole}); the demo realm's roles exist from the start. Every call is recorded as a {@link Call}.
 */
public final class IamContract implements AwsContractServer.Handler {

    private static final String NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";

    /**
     * One IAM call: its parameters, whether its SigV4 signature held, the region it was signed for (the credential
     * scope of its {@code Authorization} header, {@code <date>/<region>/iam/aws4_request}), and the HTTP status it got.
     */
    public record Call(String action, String roleName, String policyName, String policyDocument, boolean signed,
                       String signingRegion, int status) {
    }

    /** The roles of the demo realm and the integration tests, which exist in the stand-in's account from the start. */
    public static final List<String> DEMO_ROLES = List.of("ElevateSessionManager", "ElevateRestartDrill");
    /** IAM's quota of a role's inline policies, all together. */
    public static final int INLINE_POLICIES_LIMIT = 10_240;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final Set<String> roles = ConcurrentHashMap.newKeySet();
    private final Map<String, String> policies = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

    /** Serves IAM on {@code server}. */
    public static IamContract on(AwsContractServer server) {
        IamContract iam = new IamContract();
        DEMO_ROLES.forEach(iam::createRole);
        server.serve("iam", iam);
        return iam;
    }

    /** A role that exists from now on. */
    public IamContract createRole(String roleName) {
        roles.add(roleName);
        return this;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The inline policy a role has now, or null. */
    public String policy(String roleName, String policyName) {
        return policies.get(roleName + "/" + policyName);
    }

    /** Answers the next {@code times} calls whose policy document names {@code text} with a 500 ServiceFailure. */
    public void failCallsNaming(String text, int times) {
        failures.put(text, new AtomicInteger(times));
    }

    @Override
    public Protocol protocol() {
        return Protocol.QUERY;
    }

    @Override
    public Reply handle(Request request) {
        String role = request.param("RoleName");
        String name = request.param("PolicyName");
        String document = request.param("PolicyDocument");
        Reply reply = reply(request.action(), role, name, document);
        calls.add(new Call(request.action(), role, name, document, request.signed(), request.region(),
                reply.status()));
        return reply;
    }

    private Reply reply(String action, String role, String name, String document) {
        if (!List.of("PutRolePolicy", "GetRolePolicy", "DeleteRolePolicy").contains(action)) {
            return Reply.error(Protocol.QUERY, 400, "InvalidAction", "The action " + action + " is not valid");
        }
        if (role == null || name == null || ("PutRolePolicy".equals(action) && document == null)) {
            return Reply.error(Protocol.QUERY, 400, "ValidationError",
                    "RoleName, PolicyName (and PolicyDocument) are required");
        }
        if (shouldFail(document)) {
            return Reply.error(Protocol.QUERY, 500, "ServiceFailure", "the contract server was told to fail");
        }
        if (!roles.contains(role)) {
            return Reply.error(Protocol.QUERY, 404, "NoSuchEntity", "The role with name " + role
                    + " cannot be found.");
        }
        String key = role + "/" + name;
        String result = "";
        switch (action) {
            case "PutRolePolicy" -> {
                Integer size = policySize(document);
                if (size == null) {
                    return Reply.error(Protocol.QUERY, 400, "MalformedPolicyDocument", "Syntax errors in policy.");
                }
                int others = policies.entrySet().stream()
                        .filter(e -> e.getKey().startsWith(role + "/") && !e.getKey().equals(key))
                        .mapToInt(e -> policySize(e.getValue())).sum();
                if (others + size > INLINE_POLICIES_LIMIT) {
                    return Reply.error(Protocol.QUERY, 409, "LimitExceeded", "Maximum policy size of "
                            + INLINE_POLICIES_LIMIT + " bytes exceeded for role " + role);
                }
                policies.put(key, document);
            }
            case "DeleteRolePolicy" -> {
                if (policies.remove(key) == null) {
                    return noSuchEntity(role, name);
                }
            }
            default -> {
                String stored = policies.get(key);
                if (stored == null) {
                    return noSuchEntity(role, name);
                }
                // IAM returns the document URL-encoded (RFC 3986), as its API reference says
                result = "<GetRolePolicyResult><RoleName>" + role + "</RoleName><PolicyName>" + name
                        + "</PolicyName><PolicyDocument>" + URLEncoder.encode(stored, UTF_8).replace("+", "%20")
                        + "</PolicyDocument></GetRolePolicyResult>";
            }
        }
        return Reply.xml("<" + action + "Response xmlns=\"" + NAMESPACE + "\">" + result
                + "<ResponseMetadata><RequestId>" + UUID.randomUUID() + "</RequestId></ResponseMetadata></" + action
                + "Response>");
    }

    private static Reply noSuchEntity(String role, String name) {
        return Reply.error(Protocol.QUERY, 404, "NoSuchEntity",
                "The role policy with name " + name + " cannot be found for role " + role + ".");
    }

    /**
     * The size IAM counts (the JSON without whitespace), or null when the document is not a policy: JSON with nothing
     * after it, no duplicate keys, an object with a {@code Statement}.
     */
    private static Integer policySize(String document) {
        try {
            JsonNode policy = JSON.readTree(document);
            if (policy == null || !policy.isObject() || !policy.has("Statement")) {
                return null;
            }
            return JSON.writeValueAsString(policy).length();
        } catch (JsonProcessingException e) {
            return null;
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

    /** Calls so far, oldest first, for failure messages. */
    @Override
    public String toString() {
        return new ArrayList<>(calls).toString();
    }
}
