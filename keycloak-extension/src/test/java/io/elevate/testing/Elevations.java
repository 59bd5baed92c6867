package io.elevate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.elevate.testing.server.AdminApi;
import io.elevate.testing.server.JsonResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static io.elevate.testing.server.ElevateBuild.DEMO_REALM;

/** The demo realm's elevation windows and users, through the admin REST API, as an admin would handle them. */
public final class Elevations {

    public static final String PASSWORD = "Correct-Horse-9";
    public static final Map<String, String> DEMO_TAGS = demoTags();

    private final AdminApi admin;

    public Elevations(AdminApi admin) {
        this.admin = admin;
    }

    /** A new user of the demo realm, so that each test sees only its own windows. */
    public String newUser(String prefix) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        admin.createUser(DEMO_REALM, username, PASSWORD);
        return username;
    }

    public String userId(String username) {
        return admin.userId(DEMO_REALM, username);
    }

    /** The body of a window for the demo target that is open now and lasts {@code length}. */
    public static Map<String, Object> window(String username, Duration length) {
        Instant now = Instant.now();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user", username);
        body.put("accountId", "123456789012");
        body.put("roleName", "ElevateSessionManager");
        body.put("samlProvider", "Keycloak");
        body.put("region", "eu-west-1");
        body.put("instanceId", "i-0123456789abcdef0");
        body.put("tags", DEMO_TAGS);
        body.put("startsAt", now.minusSeconds(60).toString());
        body.put("endsAt", now.plus(length).toString());
        body.put("justification", "INC1234: restart the web tier");
        return body;
    }

    public JsonResponse create(Object body) {
        return admin.post(DEMO_REALM + "/elevation/windows", body);
    }

    /** Creates the window and returns its id; fails unless the API answers 201. */
    public String grant(Map<String, Object> body) {
        return create(body).expectStatus(201).body().path("id").asText();
    }

    public JsonResponse revoke(String windowId, String reason) {
        return admin.post(DEMO_REALM + "/elevation/windows/" + windowId + "/revoke", Map.of("reason", reason));
    }

    public JsonResponse window(String windowId) {
        return admin.get(DEMO_REALM + "/elevation/windows/" + windowId);
    }

    public JsonNode audit(String windowId) {
        return admin.get(DEMO_REALM + "/elevation/audit?window=" + windowId).expectStatus(200).body();
    }

    /** The demo realm's LOGIN_ERROR events of one user, newest first. */
    public JsonNode loginErrors(String userId) {
        return admin.get(DEMO_REALM + "/events?type=LOGIN_ERROR&user=" + userId).expectStatus(200).body();
    }

    private static Map<String, String> demoTags() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("AppGroupName", "webserver");
        tags.put("AppId", "ABC");
        tags.put("ReleaseId", "1.0");
        return java.util.Collections.unmodifiableMap(tags);
    }
}
