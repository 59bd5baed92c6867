package io.elevate.portal;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Where the portal returns to after the sign-in")
class PortalReturnTest {

    @ParameterizedTest
    @ValueSource(strings = {"/requests/6f1c2a9e-8d7b-4c1e-9a55-2f0d3b7e4c11", "#waiting-6f1c2a9e-8d7b",
            "#review-abc", "/history?action=REQUESTED&person=op", "/dashboard?from=2026-11-01&to=2026-11-30",
            "/audit.csv?person=a%40b.example", "/history?person=*"})
    @DisplayName("given a page of the portal, then it is a return, and survives its cookie")
    void pagesOfThePortal(String target) {
        assertThat(PortalReturn.of(target)).hasValue(target);
        assertThat(PortalReturn.decode(PortalReturn.encode(target))).hasValue(target);
    }

    @ParameterizedTest
    @ValueSource(strings = {"//evil.example", "/history/../x", "\\evil.example", "https://evil.example",
            "/policies", "/requests/a/b", "#elsewhere", "/history?x=%zz", "/history?x=<script>", "", "/"})
    @DisplayName("given anything else, then no return (the front page)")
    void anythingElse(String target) {
        assertThat(PortalReturn.of(target)).isEmpty();
        assertThat(PortalReturn.decode(PortalReturn.encode(target))).isEmpty();
    }

    @Test
    @DisplayName("given a cookie that is not base64url, or too long, then no return")
    void tamperedCookies() {
        assertThat(PortalReturn.decode("not base64!")).isEmpty();
        assertThat(PortalReturn.decode(null)).isEmpty();
        String tooLong = "/history?q=" + "a".repeat(3000);
        assertThat(PortalReturn.decode(Base64.getUrlEncoder().encodeToString(tooLong.getBytes(StandardCharsets.UTF_8))))
                .isEmpty();
    }

    @Test
    @DisplayName("given a chat link's focus, then only a queue place of a request id")
    void focus() {
        assertThat(PortalReturn.focus("waiting-6f1c2a9e")).hasValue("#waiting-6f1c2a9e");
        assertThat(PortalReturn.focus("review-6f1c2a9e")).hasValue("#review-6f1c2a9e");
        assertThat(PortalReturn.focus("https://evil.example")).isEmpty();
        assertThat(PortalReturn.focus("waiting-")).isEmpty();
    }

    @Test
    @DisplayName("given the page a request was for, then its path below the portal with its query")
    void here() {
        assertThat(PortalReturn.here("/realms/r/elevation/portal/history", "action=APPROVED"))
                .hasValue("/history?action=APPROVED");
        assertThat(PortalReturn.here("/realms/r/elevation/portal/requests/abc", null)).hasValue("/requests/abc");
        assertThat(PortalReturn.here("/realms/r/elevation/portal/policies", null)).isEmpty();
    }
}
