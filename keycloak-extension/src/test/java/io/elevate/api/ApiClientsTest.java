package io.elevate.api;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The clients whose tokens the elevation API accepts")
class ApiClientsTest {

    @Test
    @DisplayName("given no realm attribute, then elevate-cli only")
    void defaultIsTheCli() {
        assertThat(ApiClients.allowed(null)).containsExactly("elevate-cli");
        assertThat(ApiClients.allowed(" , ")).containsExactly("elevate-cli");
    }

    @Test
    @DisplayName("given the attribute, then exactly the client ids it lists, separated by commas or spaces")
    void listedClients() {
        assertThat(ApiClients.allowed("elevate-cli, ops-tool  deploy-bot")).containsExactly("elevate-cli",
                "ops-tool", "deploy-bot");
        assertThat(ApiClients.allowed("ops-tool")).containsExactly("ops-tool").doesNotContain("admin-cli");
    }
}
