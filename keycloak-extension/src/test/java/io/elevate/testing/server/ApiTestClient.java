package io.elevate.testing.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The public client the tests sign users in with (the password grant, which the demo realm's {@code elevate-cli}
 * rightly does not allow), added once per server and realm, and named in the realm attribute
 * {@code elevate.api.clients} beside {@code elevate-cli} so that the elevation API accepts its tokens.
 */
public final class ApiTestClient {

    public static final String CLIENT_ID = "elevate-api-tests";
    static final String ATTRIBUTE = "elevate.api.clients";

    private static final Set<String> READY = ConcurrentHashMap.newKeySet();
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiTestClient() {
    }

    /** Adds the client and lists it in the realm's attribute, once for each server and realm. */
    public static synchronized void ensure(AdminApi admin, String realm) {
        String key = admin.baseUrl() + " " + realm;
        if (READY.contains(key)) {
            return;
        }
        JsonNode existing = admin.get(realm + "/clients?clientId=" + CLIENT_ID).expectStatus(200).body();
        if (existing.isEmpty()) {
            admin.post(realm + "/clients", Map.of("clientId", CLIENT_ID, "publicClient", true,
                    "directAccessGrantsEnabled", true, "standardFlowEnabled", false, "protocol", "openid-connect",
                    "redirectUris", List.of())).expectStatus(201);
        }
        allow(admin, realm, CLIENT_ID);
        READY.add(key);
    }

    /** Adds {@code clientId} to the realm's list of clients whose tokens the elevation API accepts. */
    public static void allow(AdminApi admin, String realm, String clientId) {
        ObjectNode representation = (ObjectNode) admin.get(realm).expectStatus(200).body();
        String listed = attributes(representation).path(ATTRIBUTE).asText("elevate-cli");
        if (!Arrays.asList(listed.split("[,\\s]+")).contains(clientId)) {
            setRealmAttribute(admin, realm, ATTRIBUTE, listed + " " + clientId);
        }
    }

    /** Sets a realm attribute (the rest of the realm as it is), returning its previous value or null. */
    public static synchronized String setRealmAttribute(AdminApi admin, String realm, String name, String value) {
        ObjectNode representation = (ObjectNode) admin.get(realm).expectStatus(200).body();
        ObjectNode attributes = attributes(representation);
        String previous = attributes.hasNonNull(name) ? attributes.get(name).asText() : null;
        attributes.put(name, value);
        admin.put(realm, JSON.convertValue(representation, Map.class)).expectStatus(204);
        return previous;
    }

    private static ObjectNode attributes(ObjectNode representation) {
        return representation.has("attributes") && representation.get("attributes").isObject()
                ? (ObjectNode) representation.get("attributes") : representation.putObject("attributes");
    }
}
