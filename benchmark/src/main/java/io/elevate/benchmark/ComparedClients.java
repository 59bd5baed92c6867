package io.elevate.benchmark;

import static io.elevate.testing.server.ElevateBuild.DEMO_REALM;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elevate.testing.server.AdminApi;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The SAML clients Elevate's AWS client is compared with, each a copy of it (same signing: server and assertion
 * signatures, RSA_SHA256, exclusive c14n; same POST binding, name id and client scopes) on the realm's normal browser
 * flow, without Elevate's flow override and without Elevate's mapper:
 * <ul>
 *   <li>the <em>plain</em> client writes no AWS attributes at all;</li>
 *   <li>the <em>static AWS</em> client is what a realm without Elevate would use: Keycloak's own hardcoded-attribute
 *       mappers ({@code saml-hardcode-attribute-mapper}) writing the same attributes, with the same values, as
 *       Elevate's mapper writes for the first measured user (Role, RoleSessionName, SourceIdentity, SessionDuration,
 *       the PrincipalTag:*s).</li>
 * </ul>
 */
final class ComparedClients {

    static final String PLAIN_CLIENT = "urn:elevate:benchmark:plain-saml";
    static final String PLAIN_URL_NAME = "benchmark-plain";
    static final String STATIC_CLIENT = "urn:elevate:benchmark:static-aws-saml";
    static final String STATIC_URL_NAME = "benchmark-static-aws";
    static final String AWS_CLIENT = "urn:amazon:webservices";
    static final String AWS_URL_NAME = "amazon-aws";

    private static final String HARDCODED = "saml-hardcode-attribute-mapper";
    private static final String URI_REFERENCE = "URI Reference";

    private final AdminApi admin;
    private final String awsClientId;

    ComparedClients(AdminApi admin) {
        this.admin = admin;
        this.awsClientId = clientId(AWS_CLIENT);
    }

    /** The internal id of the AWS client. */
    String awsClientId() {
        return awsClientId;
    }

    void addPlain() {
        add(PLAIN_CLIENT, PLAIN_URL_NAME, "Benchmark: plain SAML client", JsonNodeFactory.instance.arrayNode());
    }

    /** The static AWS client, writing {@code attributes} (name to values, as Elevate's mapper wrote them) verbatim. */
    void addStatic(Map<String, List<String>> attributes) {
        ArrayNode mappers = JsonNodeFactory.instance.arrayNode();
        int n = 0;
        for (Map.Entry<String, List<String>> attribute : attributes.entrySet()) {
            for (String value : attribute.getValue()) {
                ObjectNode mapper = mappers.addObject();
                mapper.put("name", "static " + (n++) + " " + attribute.getKey().replaceAll(".*/", ""));
                mapper.put("protocol", "saml").put("protocolMapper", HARDCODED).put("consentRequired", false);
                mapper.putObject("config")
                        .put("attribute.name", attribute.getKey())
                        .put("attribute.nameformat", URI_REFERENCE)
                        .put("friendly.name", "")
                        .put("attribute.value", value);
            }
        }
        add(STATIC_CLIENT, STATIC_URL_NAME, "Benchmark: static AWS SAML client", mappers);
    }

    private void add(String clientId, String urlName, String name, ArrayNode mappers) {
        ObjectNode client = (ObjectNode) admin.get(DEMO_REALM + "/clients/" + awsClientId).expectStatus(200).body();
        client.remove(List.of("id", "protocolMappers", "authenticationFlowBindingOverrides", "baseUrl", "description"));
        client.put("clientId", clientId).put("name", name);
        client.putArray("redirectUris").add("https://sp.benchmark.test/saml");
        ((ObjectNode) client.get("attributes"))
                .put("saml_idp_initiated_sso_url_name", urlName)
                .put("saml_assertion_consumer_url_post", "https://sp.benchmark.test/saml");
        if (!mappers.isEmpty()) {
            client.set("protocolMappers", mappers);
        }
        admin.post(DEMO_REALM + "/clients", client).expectStatus(201);
        String id = clientId(clientId);
        for (String kind : List.of("default-client-scopes", "optional-client-scopes")) {
            JsonNode aws = admin.get(DEMO_REALM + "/clients/" + awsClientId + "/" + kind).expectStatus(200).body();
            for (JsonNode scope : admin.get(DEMO_REALM + "/clients/" + id + "/" + kind).expectStatus(200).body()) {
                if (!aws.findValuesAsText("id").contains(scope.path("id").asText())) {
                    admin.delete(DEMO_REALM + "/clients/" + id + "/" + kind + "/" + scope.path("id").asText())
                            .expectStatus(204);
                }
            }
        }
    }

    private String clientId(String clientId) {
        return admin.get(DEMO_REALM + "/clients?clientId=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8))
                .expectStatus(200).body().get(0).path("id").asText();
    }
}
