package io.elevate.testing;

import io.elevate.testing.server.AdminApi;
import io.elevate.testing.server.JsonResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.elevate.testing.server.ElevateBuild.DEMO_REALM;

/** Groups and elevation policies of the demo realm, set up through the admin REST API as an admin would. */
public final class PolicyAdmin {

    public static final String PAGE_PROVIDER_TYPE = "org.keycloak.services.ui.extend.UiPageProvider";

    private final AdminApi admin;

    public PolicyAdmin(AdminApi admin) {
        this.admin = admin;
    }

    /** A new top-level group; returns its path. */
    public String newGroup(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        admin.post(DEMO_REALM + "/groups", Map.of("name", name)).expectStatus(201);
        return "/" + name;
    }

    /** A new subgroup of the group at {@code parentPath}; returns its path. */
    public String newSubGroup(String parentPath, String prefix) {
        String parentId = admin.get(DEMO_REALM + "/group-by-path" + parentPath).expectStatus(200).body().path("id")
                .asText();
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        admin.post(DEMO_REALM + "/groups/" + parentId + "/children", Map.of("name", name)).expectStatus(201);
        return parentPath + "/" + name;
    }

    public void addMember(String userId, String groupPath) {
        String groupId = admin.get(DEMO_REALM + "/group-by-path" + groupPath).expectStatus(200).body().path("id").asText();
        admin.put(DEMO_REALM + "/users/" + userId + "/groups/" + groupId, "{}").expectStatus(204);
    }

    public void grantRealmRole(String userId, String role) {
        var representation = admin.get(DEMO_REALM + "/roles/" + role).expectStatus(200).body();
        admin.post(DEMO_REALM + "/users/" + userId + "/role-mappings/realm", List.of(representation)).expectStatus(204);
    }

    /** The settings of a valid policy for the demo target; change entries before {@link #create}. */
    public static Map<String, List<String>> policy(String eligibleGroup, String approverGroup) {
        Map<String, List<String>> config = new LinkedHashMap<>();
        config.put("accountId", List.of("123456789012"));
        config.put("roleName", List.of("ElevateSessionManager"));
        config.put("samlProvider", List.of("Keycloak"));
        config.put("region", List.of("eu-west-1"));
        config.put("instanceIds", List.of("i-0123456789abcdef0"));
        config.put("tags", List.of("[{\"key\":\"AppGroupName\",\"value\":\"webserver\"},"
                + "{\"key\":\"AppId\",\"value\":\"ABC\"},{\"key\":\"ReleaseId\",\"value\":\"1.0\"}]"));
        config.put("eligibleGroups", List.of(eligibleGroup));
        config.put("approverGroups", List.of(approverGroup));
        config.put("approvalsRequired", List.of("1"));
        config.put("maxDurationMinutes", List.of("120"));
        return config;
    }

    public JsonResponse tryCreate(String name, Map<String, List<String>> config) {
        String realmId = admin.get(DEMO_REALM).expectStatus(200).body().path("id").asText();
        return admin.post(DEMO_REALM + "/components", Map.of("name", name, "providerId", "elevation-policies",
                "providerType", PAGE_PROVIDER_TYPE, "parentId", realmId, "config", config));
    }

    /** Creates the policy and returns its id. */
    public String create(String name, Map<String, List<String>> config) {
        String location = tryCreate(name, config).expectStatus(201).header("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
