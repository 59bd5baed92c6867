package io.elevate.portal;

import io.elevate.validation.Violation;

import jakarta.ws.rs.core.MultivaluedHashMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The policy form")
class PolicyFormTest {

    private static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property().name("accountId").label("AWS account").type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name("region").type(ProviderConfigProperty.LIST_TYPE).options("eu-west-1", "us-east-1").add()
            .property().name("eligibleGroups").type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE).add()
            .property().name("tags").type(ProviderConfigProperty.MAP_TYPE).add()
            .property().name("justificationRequired").type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue("true").add()
            .property().name("approvalsRequired").type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(1).add()
            .property().name("autoApproveRules").type(ProviderConfigProperty.TEXT_TYPE).add()
            .build();

    private final PolicyForm form = new PolicyForm(PROPERTIES);

    @Test
    @DisplayName("given typed fields, then the config the admin console would store: lines, key=value as JSON, booleans")
    void config() {
        MultivaluedHashMap<String, String> params = new MultivaluedHashMap<>();
        params.add("name", "Web servers");
        params.add("config.accountId", "123456789012");
        params.add("config.region", "us-east-1");
        params.add("config.eligibleGroups", "/operators\r\n/sre\r\n");
        params.add("config.tags", "AppId=ABC\nReleaseId=1.0=rc");
        params.add("config.approvalsRequired", "2");

        PolicyForm.Read read = form.read(params);

        assertThat(read.violations()).isEmpty();
        assertThat(read.config()).containsEntry("eligibleGroups", List.of("/operators", "/sre"))
                .containsEntry("tags", List.of("[{\"key\":\"AppId\",\"value\":\"ABC\"},{\"key\":\"ReleaseId\",\"value\":\"1.0=rc\"}]"))
                .containsEntry("justificationRequired", List.of("false"))
                .containsEntry("approvalsRequired", List.of("2"))
                .containsEntry("region", List.of("us-east-1"));
    }

    @Test
    @DisplayName("given no name, a tag line without =, a region not offered, then each is named and nothing is read")
    void refused() {
        MultivaluedHashMap<String, String> params = new MultivaluedHashMap<>();
        params.add("config.tags", "AppId");
        params.add("config.region", "mars-1");

        assertThat(form.read(params).violations()).extracting(Violation::field)
                .containsExactlyInAnyOrder("name", "tags", "region");
    }

    @Test
    @DisplayName("given a stored policy, then its map shows as key=value lines and what it does not store as the default")
    void fields() {
        List<PolicyForm.Field> stored = form.fields(Map.of("tags", List.of("[{\"key\":\"AppId\",\"value\":\"ABC\"}]"),
                "eligibleGroups", List.of("/a", "/b"), "approvalsRequired", List.of("2")));
        List<PolicyForm.Field> fresh = form.fields(Map.of());

        assertThat(stored).filteredOn(f -> f.getKey().equals("tags")).singleElement()
                .extracting(PolicyForm.Field::getValue).isEqualTo("AppId=ABC");
        assertThat(stored).filteredOn(f -> f.getKey().equals("eligibleGroups")).singleElement()
                .extracting(PolicyForm.Field::getValue).isEqualTo("/a\n/b");
        assertThat(fresh).filteredOn(f -> f.getKey().equals("justificationRequired")).singleElement()
                .extracting(PolicyForm.Field::isChecked).isEqualTo(true);
        assertThat(stored).filteredOn(f -> f.getKey().equals("justificationRequired")).singleElement()
                .as("not stored: the default that applies, so that saving unchanged changes nothing")
                .extracting(PolicyForm.Field::isChecked).isEqualTo(true);
        assertThat(stored).filteredOn(f -> f.getKey().equals("approvalsRequired")).singleElement()
                .extracting(PolicyForm.Field::getValue).isEqualTo("2");
    }

    @Test
    @DisplayName("given a text setting (JSON rules) of many lines and over 2048 characters, then it is read whole for the factory to judge")
    void longText() {
        String rules = "[\n" + "  {\"name\": \"weekday\", \"expression\": \"" + "x".repeat(5000) + "\"}\n]";
        MultivaluedHashMap<String, String> params = new MultivaluedHashMap<>();
        params.add("name", "Web servers");
        params.add("config.autoApproveRules", rules);

        PolicyForm.Read read = form.read(params);

        assertThat(read.violations()).isEmpty();
        assertThat(read.config()).containsEntry("autoApproveRules", List.of(rules));
        assertThat(form.fields(read.config())).filteredOn(f -> f.getKey().equals("autoApproveRules")).singleElement()
                .extracting(PolicyForm.Field::getKind).isEqualTo("textarea");
    }

    @Test
    @DisplayName("given a text setting with a control character, then it is refused")
    void textControl() {
        MultivaluedHashMap<String, String> params = new MultivaluedHashMap<>();
        params.add("name", "Web servers");
        params.add("config.autoApproveRules", "[\u0007]");

        assertThat(form.read(params).violations()).extracting(Violation::field).containsExactly("autoApproveRules");
    }

    @Test
    @DisplayName("given config fields the policy does not declare and checkbox values a browser does not send, then each is refused")
    void unknownAndBadCheckbox() {
        MultivaluedHashMap<String, String> params = new MultivaluedHashMap<>();
        params.add("name", "Web servers");
        params.add("config.approverGroup", "/x");
        params.add("config.colour", "red");
        params.add("config.justificationRequired", "on");

        assertThat(form.read(params).violations()).extracting(Violation::field)
                .containsExactly("approverGroup", "colour", "justificationRequired");
    }

    @Test
    @DisplayName("given a checked checkbox (true) or none, then true or false; given a field twice, then it is refused")
    void checkboxes() {
        MultivaluedHashMap<String, String> checked = new MultivaluedHashMap<>();
        checked.add("name", "Web servers");
        checked.add("config.justificationRequired", "true");
        MultivaluedHashMap<String, String> twice = new MultivaluedHashMap<>();
        twice.add("name", "Web servers");
        twice.add("config.accountId", "1");
        twice.add("config.accountId", "2");

        assertThat(form.read(checked).violations()).isEmpty();
        assertThat(form.read(checked).config()).containsEntry("justificationRequired", List.of("true"));
        assertThat(form.read(twice).violations()).extracting(Violation::field).containsExactly("accountId");
    }
}
