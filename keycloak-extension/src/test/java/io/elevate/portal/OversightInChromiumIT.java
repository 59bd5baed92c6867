package io.elevate.portal;

import static io.elevate.testing.server.ElevateBuild.DEMO_REALM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elevate.testing.Elevations;
import io.elevate.testing.PolicyAdmin;
import io.elevate.testing.aws.AwsSignInEndpoint;
import io.elevate.testing.browser.Browser;
import io.elevate.testing.browser.ChromiumSession;
import io.elevate.testing.browser.Page;
import io.elevate.testing.server.AdminApi;
import io.elevate.testing.server.KeycloakServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * What auditors and admins see, in real headless Chromium against the real server: the history in words with its
 * filters in the address, a request's whole life, the dashboard with its charts, and the same figures from the API.
 * The screenshots the docs show are written to {@code docs/screenshots/} (oversight-*.png).
 */
@ExtendWith(KeycloakServer.class)
@DisplayName("The oversight pages in Chromium")
class OversightInChromiumIT {

    @RegisterExtension
    static final AwsSignInEndpoint AWS = new AwsSignInEndpoint();

    @RegisterExtension
    final ChromiumSession chromium = new ChromiumSession(AWS);

    private static final String INSTANCE = "i-0123456789abcdef0";
    private static final Path DOCS_IMAGES = Path.of("..", "docs", "screenshots");
    private static final String JUSTIFICATION = "INC5: rotate the logs, then restart {web}, actor=nobody";

    private KeycloakServer server;
    private AdminApi admin;
    private Elevations elevations;
    private PolicyAdmin policies;
    private String operator;
    private String approver;
    private String auditor;
    private String policyName;
    private String approved;
    private String waiting;
    private String breakGlass;
    private String operators;
    private String approvers;

    @BeforeEach
    void setUp(KeycloakServer server, AdminApi admin) {
        this.server = server;
        this.admin = admin;
        this.elevations = new Elevations(admin);
        this.policies = new PolicyAdmin(admin);
        operators = policies.newGroup("operators");
        approvers = policies.newGroup("approvers");
        String glassGroup = policies.newGroup("break-glass");
        operator = elevations.newUser("op");
        policies.addMember(elevations.userId(operator), operators);
        policies.addMember(elevations.userId(operator), glassGroup);
        String colleague = elevations.newUser("dev");
        policies.addMember(elevations.userId(colleague), operators);
        approver = elevations.newUser("appr");
        policies.addMember(elevations.userId(approver), approvers);
        auditor = elevations.newUser("auditor");
        policies.grantRealmRole(elevations.userId(auditor), "elevation-auditor");
        policyName = "Web servers " + operators.substring(operators.length() - 8);
        policies.create(policyName, PolicyAdmin.policy(operators, approvers));
        Map<String, List<String>> glass = PolicyAdmin.policy(policies.newGroup("nobody"), approvers);
        glass.put("breakGlassGroup", List.of(glassGroup));
        policies.create("Emergency shell " + glassGroup.substring(glassGroup.length() - 8), glass);

        Browser op = new Browser();
        approved = idOf(signIn(op, operator).submit("#elevate-portal-request",
                Map.of("justification", JUSTIFICATION, "durationMinutes", "30")));
        Browser appr = new Browser();
        signIn(appr, approver).submit("#decide-" + approved, Map.of("comment", "ok, go ahead"));
        appr.open(portalUrl()).submit("#revoke-form-" + approved, Map.of("reason", "done early"));
        Page glassOpen = op.open(portalUrl()).submit("#elevate-portal-break-glass-form",
                Map.of("justification", "INC999: the site is down"));
        breakGlass = glassOpen.document().select("#elevate-portal-mine [data-request]").stream()
                .map(e -> e.attr("data-request")).filter(id -> !id.equals(approved)).findFirst().orElseThrow();
        waiting = idOf(signIn(new Browser(), colleague).submit("#elevate-portal-request",
                Map.of("justification", "CHG7: deploy the hotfix", "durationMinutes", "60")));
    }

    @Test
    void anAuditorReadsTheHistoryInWordsFiltersItAndSharesTheFilteredView() {
        WebDriver driver = chromium.driver();
        driver.manage().window().setSize(new Dimension(1366, 900));
        signIn(driver, auditor);
        chromium.open(portalUrl() + "/history?person=" + operator);
        WebElement table = chromium.await(presenceOfElementLocated(By.id("elevate-portal-audit-table")));
        saveForDocs(driver, "history");

        WebElement requested = row(table, "REQUESTED", approved);
        String op = displayed(operator);
        assertThat(requested.findElement(By.cssSelector(".elevate-portal-audit-sentence")).getText())
                .isEqualTo(op + " asked for " + policyName + " (123456789012 · ElevateSessionManager · " + INSTANCE + ").");
        assertThat(requested.findElement(By.cssSelector(".elevate-portal-audit-reason q")).getText())
                .as("the reason read exactly, commas and braces included").isEqualTo(JUSTIFICATION);
        assertThat(requested.findElement(By.cssSelector(".elevate-portal-audit-approvals")).getText()).endsWith("0/1");
        WebElement decided = row(table, "APPROVED", approved);
        assertThat(decided.findElement(By.cssSelector(".elevate-portal-audit-sentence")).getText())
                .startsWith(displayed(approver) + " approved the request of " + op + " for " + policyName);
        assertThat(decided.findElement(By.cssSelector(".elevate-portal-audit-approvals")).getText()).endsWith("1/1");
        assertThat(table.findElements(By.cssSelector("tbody tr"))).as("only the operator's, with the colleague's left out")
                .noneMatch(r -> r.getText().contains(waiting));

        new Select(driver.findElement(By.id("filter-action"))).selectByValue("BREAK_GLASS");
        driver.findElement(By.id("filter-break-glass")).click();
        driver.findElement(By.id("elevate-portal-filter-submit")).click();
        chromium.await(d -> d.getCurrentUrl().contains("action=BREAK_GLASS"));
        assertThat(driver.getCurrentUrl()).as("the filters are in the address, to be shared")
                .contains("person=" + operator).contains("breakGlass=yes");
        List<WebElement> rows = driver.findElements(By.cssSelector("#elevate-portal-audit-table tbody tr"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getText()).contains(breakGlass).contains("Break-glass").contains("INC999: the site is down");
        String shared = driver.getCurrentUrl();
        chromium.open(shared);
        assertThat(driver.findElements(By.cssSelector("#elevate-portal-audit-table tbody tr"))).hasSize(1);
        assertThat(driver.findElement(By.id("filter-person")).getAttribute("value")).isEqualTo(operator);

        Browser auditorBrowser = new Browser();
        signIn(auditorBrowser, auditor);
        Page csv = auditorBrowser.open(portalUrl() + "/audit.csv?person=" + operator + "&action=REQUESTED");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body().split("\r\n")).as("the header and the operator's one request").hasSize(2);
        String[] csvRow = csv.body().split("\r\n")[1].split("\",\"");
        assertThat(java.util.Arrays.copyOfRange(csvRow, 1, 12)).as("in words, as the page: names, the target")
                .containsExactly("REQUESTED", approved, displayed(operator), operator, displayed(operator), policyName,
                        "123456789012", "ElevateSessionManager", INSTANCE, "no", "0/1");
        assertThat(csvRow[12]).as("the reason, exactly").startsWith(JUSTIFICATION + "\",");
        assertThat(csv.body()).as("never the stored detail's map text").doesNotContain("{action=")
                .doesNotContain("requester=");

        Page bad = auditorBrowser.open(portalUrl() + "/history?from=2026-13-01&action=NOPE&person=" + operator);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.document().select("#elevate-portal-problem li")).extracting(Element::text)
                .anySatisfy(t -> assertThat(t).startsWith("from:")).anySatisfy(t -> assertThat(t).startsWith("action:"));
        assertThat(bad.document().getElementById("elevate-portal-audit-table")).as("nothing shown").isNull();
        assertThat(auditorBrowser.open(portalUrl() + "/audit.csv?breakGlass=on").status()).isEqualTo(400);
        assertThat(auditorBrowser.open(portalUrl() + "/audit.csv?page=1").status())
                .as("the CSV holds the newest records: a page is refused, not ignored").isEqualTo(400);
    }

    @Test
    void aRequestsPageShowsItsWholeLifeInOrderToThoseWhoMaySeeIt() {
        WebDriver driver = chromium.driver();
        driver.manage().window().setSize(new Dimension(1366, 900));
        signIn(driver, auditor);
        chromium.open(portalUrl() + "/history?person=" + operator + "&action=REQUESTED");
        chromium.await(presenceOfElementLocated(By.cssSelector(".elevate-portal-request-link"))).click();
        WebElement life = chromium.await(presenceOfElementLocated(By.id("elevate-portal-life-steps")));
        saveForDocs(driver, "request-life");

        assertThat(driver.getCurrentUrl()).isEqualTo(portalUrl() + "/requests/" + approved);
        List<String> actions = life.findElements(By.cssSelector("li")).stream().map(li -> li.getAttribute("data-action"))
                .toList();
        assertThat(actions).startsWith("REQUESTED", "APPROVED").as("the revoke, then what it caused")
                .containsSubsequence("REVOKED", "REVOCATION_QUEUED");
        assertThat(life.getText()).contains("done early").contains("ok, go ahead");
        WebElement queued = life.findElement(By.cssSelector("li[data-action='REVOCATION_QUEUED']"));
        assertThat(queued.findElement(By.cssSelector(".elevate-portal-audit-field[data-key=role]")).getText())
                .as("the revocation's facts labelled").startsWith("Role: arn:aws:iam::123456789012:role/ElevateSessionManager");
        assertThat(life.findElements(By.cssSelector(".elevate-portal-audit-detail"))).as("no stored map text").isEmpty();
        assertThat(life.getText()).doesNotContain("{role=").doesNotContain("{action=");
        assertThat(driver.findElement(By.id("request-requester")).getText()).contains(operator);

        Browser op = new Browser();
        signIn(op, operator);
        assertThat(op.open(portalUrl() + "/requests/" + approved).status()).as("its requester").isEqualTo(200);
        Browser appr = new Browser();
        signIn(appr, approver);
        assertThat(appr.open(portalUrl() + "/requests/" + waiting).status()).as("an approver of it").isEqualTo(200);
        assertThat(op.open(portalUrl() + "/requests/" + waiting).status()).as("someone else's").isEqualTo(404);
        assertThat(op.open(portalUrl() + "/requests/no-such-id").status()).isEqualTo(404);
    }

    @Test
    void theDashboardShowsWhatIsOpenWaitingAndUnreviewedAndTheFiguresOfAPeriod() {
        WebDriver driver = chromium.driver();
        driver.manage().window().setSize(new Dimension(1366, 900));
        signIn(driver, auditor);
        driver.findElement(By.id("elevate-nav-dashboard")).click();
        chromium.await(presenceOfElementLocated(By.id("dashboard-period")));
        saveForDocs(driver, "dashboard");

        // The lists hold the first 50 of each kind; other tests of this server may have filled them.
        if (count(driver, "dashboard-open-title") <= 50) {
            assertThat(driver.findElements(By.cssSelector("#dashboard-open-table tr[data-request='" + breakGlass + "']")))
                    .singleElement().satisfies(r -> assertThat(r.getText()).contains(displayed(operator)));
        }
        if (count(driver, "dashboard-waiting-title") <= 50) {
            assertThat(driver.findElements(By.cssSelector("#dashboard-waiting-table tr[data-request='" + waiting + "']")))
                    .hasSize(1);
        }
        if (count(driver, "dashboard-unreviewed-title") <= 50) {
            assertThat(driver.findElements(By.cssSelector("#dashboard-unreviewed-table tr[data-request='" + breakGlass
                    + "']"))).hasSize(1);
        }
        String today = LocalDate.now(ZoneOffset.UTC).toString().substring(5);
        WebElement todayRow = driver.findElements(By.cssSelector("#dashboard-per-day-table tbody tr")).stream()
                .filter(r -> r.getText().startsWith(today)).findFirst().orElseThrow();
        List<Integer> counts = todayRow.findElements(By.cssSelector("td.elevate-num")).stream()
                .map(td -> Integer.parseInt(td.getText())).toList();
        assertThat(counts.get(0)).as("elevations today").isGreaterThanOrEqualTo(2);
        assertThat(counts.get(1)).as("of them break-glass").isGreaterThanOrEqualTo(1);
        assertThat(driver.findElements(By.cssSelector("#chart-per-day rect[fill^='url(#hatch-']")))
                .as("break-glass drawn hatched, readable without colour").isNotEmpty();
        assertThat(driver.findElement(By.cssSelector("#chart-per-day title")).getAttribute("textContent"))
                .isEqualTo("Elevations per day");
        assertThat(driver.findElements(By.cssSelector("#dashboard-per-person-table tbody tr"))).isNotEmpty();
        WebElement person = driver.findElement(By.cssSelector("#dashboard-per-person-table a.elevate-chart-history"));
        String who = person.getText();
        String period = "&from=" + LocalDate.now(ZoneOffset.UTC).minusDays(29) + "&to=" + LocalDate.now(ZoneOffset.UTC);
        assertThat(person.getAttribute("href")).as("from a person's figure to the records behind it")
                .startsWith(portalUrl() + "/history?person=").endsWith(period);
        person.click();
        chromium.await(presenceOfElementLocated(By.id("elevate-portal-audit-table")));
        assertThat(driver.findElements(By.cssSelector("#elevate-portal-audit-table tr[data-action] .elevate-portal-audit-sentence")))
                .as("the history of that person in that period").anySatisfy(e -> assertThat(e.getText()).contains(who));
        driver.navigate().back();
        chromium.await(presenceOfElementLocated(By.id("dashboard-per-target-table")));
        List<WebElement> targets = driver.findElements(By.cssSelector("#dashboard-per-target-table a.elevate-chart-history"));
        assertThat(targets).as("the break-glass policy's row links to its history").isNotEmpty()
                .allSatisfy(a -> assertThat(a.getAttribute("href")).contains("/history?target=").endsWith(period));
        targets.get(0).click();
        chromium.await(presenceOfElementLocated(By.id("elevate-portal-audit-table")));
        assertThat(driver.findElements(By.id("elevate-portal-problem"))).as("a target the history takes").isEmpty();
        driver.navigate().back();
        chromium.await(presenceOfElementLocated(By.id("dashboard-per-target-table")));

        chromium.open(portalUrl() + "/dashboard?from=2026-01-02&to=2026-01-01");
        assertThat(driver.findElement(By.id("elevate-portal-problem")).getText()).contains("to: must not be before from");

        Browser op = new Browser();
        signIn(op, operator);
        assertThat(op.open(portalUrl() + "/dashboard").status()).isEqualTo(403);
        assertThat(op.open(portalUrl() + "/history").status()).isEqualTo(403);
    }

    @Test
    void theSameFiguresComeAsJsonForAuditorsOnly() {
        JsonNode figures = api(auditor).get("stats").expectStatus(200).body();

        if (figures.path("current").path("unreviewedBreakGlassCount").asLong() <= 50) {
            assertThat(ids(figures.path("current").path("unreviewedBreakGlass"))).contains(breakGlass);
        }
        if (figures.path("current").path("waitingCount").asLong() <= 50) {
            assertThat(ids(figures.path("current").path("waiting"))).contains(waiting);
        }
        assertThat(figures.path("current").path("waitingCount").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(figures.path("period").path("perDay")).hasSize(30);
        assertThat(figures.path("period").path("approvalLatency").path("decided").asLong()).isGreaterThanOrEqualTo(1);
        JsonNode refused = api(auditor).get("stats?from=yesterday").expectStatus(400).body();
        assertThat(refused.toString()).contains("from");
        api(operator).get("stats").expectStatus(403);
    }

    @Test
    void aGermanAuditorSeesTheDashboardInGerman() {
        String id = elevations.userId(auditor);
        ObjectNode representation = (ObjectNode) admin.get(DEMO_REALM + "/users/" + id).expectStatus(200).body();
        representation.putObject("attributes").putArray("locale").add("de");
        admin.put(DEMO_REALM + "/users/" + id, representation).expectStatus(204);
        WebDriver driver = chromium.driver();
        driver.manage().window().setSize(new Dimension(1366, 900));
        signIn(driver, auditor);
        chromium.open(portalUrl() + "/dashboard");
        WebElement title = chromium.await(presenceOfElementLocated(By.id("elevate-portal-title")));
        saveForDocs(driver, "dashboard-de");

        assertThat(title.getText()).isEqualTo("Übersicht");
        assertThat(driver.findElement(By.id("dashboard-unreviewed-title")).getText())
                .startsWith("Ungeprüfte Notfallzugriffe und Regelgenehmigungen:");
        chromium.open(portalUrl() + "/history?person=" + operator + "&action=REQUESTED");
        WebElement sentence = chromium.await(presenceOfElementLocated(By.cssSelector(".elevate-portal-audit-sentence")));
        assertThat(sentence.getText()).startsWith(displayed(operator) + " hat " + policyName);
    }

    @Test
    void aRealmAdminManagesPoliciesByNameWithTheAdminApisValidation() {
        String admin = elevations.newUser("admin");
        grantManageRealm(elevations.userId(admin));
        WebDriver driver = chromium.driver();
        driver.manage().window().setSize(new Dimension(1366, 900));
        signIn(driver, admin);
        driver.findElement(By.id("elevate-nav-policies")).click();
        WebElement table = chromium.await(presenceOfElementLocated(By.id("elevate-portal-policies-table")));
        saveForDocs(driver, "policies");
        WebElement row = table.findElements(By.cssSelector("tbody tr")).stream()
                .filter(r -> r.getText().startsWith(policyName)).findFirst().orElseThrow();
        assertThat(row.getText()).contains(operators).contains(approvers).contains("123456789012 · ElevateSessionManager");
        row.findElement(By.cssSelector(".elevate-portal-policy-name")).click();
        chromium.await(presenceOfElementLocated(By.id("elevate-portal-policy-form")));
        saveForDocs(driver, "policy-edit");
        assertThat(driver.findElement(By.id("policy-name")).getAttribute("value")).isEqualTo(policyName);
        assertThat(driver.findElement(By.id("policy-tags")).getAttribute("value"))
                .isEqualTo("AppGroupName=webserver\nAppId=ABC\nReleaseId=1.0");

        Browser browser = new Browser();
        signIn(browser, admin);
        String name = "Databases " + operators.substring(operators.length() - 8);
        Map<String, String> fields = new java.util.LinkedHashMap<>(Map.of("name", name,
                "config.accountId", "123456789012", "config.roleName", "ElevateDatabase",
                "config.samlProvider", "Keycloak", "config.tags", "AppId=DB", "config.eligibleGroups", operators,
                "config.approverGroups", "/no-such-group", "config.approvalsRequired", "2"));
        Page refused = browser.open(portalUrl() + "/policies/new").submit("#elevate-portal-policy-form", fields);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.document().select("#elevate-portal-problem li")).extracting(Element::text)
                .anySatisfy(t -> assertThat(t).startsWith("approverGroups:"));
        assertThat(refused.document().getElementById("policy-name").val()).as("shown again as typed").isEqualTo(name);
        assertThat(browser.open(portalUrl() + "/policies").text()).doesNotContain(name);

        fields.put("config.approverGroups", approvers);
        fields.put("config.approvalsRequired", "1");
        Page created = browser.open(portalUrl() + "/policies/new").submit("#elevate-portal-policy-form", fields);
        assertThat(created.document().selectFirst("#elevate-portal-flash").text()).isEqualTo("The policy is created.");
        Element createdRow = created.document().select("#elevate-portal-policies-table tbody tr").stream()
                .filter(r -> r.text().startsWith(name)).findFirst().orElseThrow();
        String id = createdRow.attr("data-policy");
        Page edit = browser.open(portalUrl() + "/policies/" + id);
        Page saved = edit.submit("#elevate-portal-policy-form", Map.of("config.maxDurationMinutes", "30"));
        assertThat(saved.document().selectFirst("#elevate-portal-flash").text()).isEqualTo("The policy is saved.");
        assertThat(saved.document().selectFirst("tr[data-policy='" + id + "']").text()).contains("up to 30 min");
        Page deleted = browser.open(portalUrl() + "/policies/" + id).submit("#elevate-portal-policy-delete", Map.of());
        assertThat(deleted.document().selectFirst("#elevate-portal-flash").text()).isEqualTo("The policy is deleted.");
        assertThat(deleted.document().selectFirst("tr[data-policy='" + id + "']")).isNull();

        Browser auditorBrowser = new Browser();
        signIn(auditorBrowser, auditor);
        Page history = auditorBrowser.open(portalUrl() + "/history?person=" + admin);
        assertThat(history.document().select("#elevate-portal-audit-table tbody tr")).extracting(r -> r.attr("data-action"))
                .containsExactly("POLICY_DELETED", "POLICY_UPDATED", "POLICY_CREATED");
        Element updated = history.document().selectFirst("#elevate-portal-audit-table tr[data-action='POLICY_UPDATED']");
        assertThat(updated.selectFirst(".elevate-portal-audit-sentence").text())
                .as("named as it was: it is deleted").isEqualTo(displayed(admin) + " changed the elevation policy " + name + ".");
        assertThat(updated.selectFirst(".elevate-portal-audit-field[data-key=changed]").text())
                .as("what changed, in the record").startsWith("Changed: maxDurationMinutes: ").endsWith("→ 30");
        assertThat(history.document().select(".elevate-portal-audit-detail")).as("no stored map text").isEmpty();
        assertThat(auditorBrowser.open(portalUrl() + "/policies").status()).as("not a realm admin").isEqualTo(403);
        assertThat(browser.open(portalUrl() + "/policies/" + id).status()).as("deleted").isEqualTo(404);
        io.elevate.testing.browser.Form withoutToken = browser.open(portalUrl() + "/policies/new")
                .form("#elevate-portal-policy-form");
        withoutToken.element().select("[name=" + CsrfGuard.FIELD + "]").attr("disabled", "disabled");
        assertThat(withoutToken.submit(fields).status()).as("no CSRF token, nothing changes").isEqualTo(403);
        assertThat(browser.open(portalUrl() + "/policies").text()).doesNotContain(name);
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void grantManageRealm(String userId) {
        String management = admin.get(DEMO_REALM + "/clients?clientId=realm-management").expectStatus(200).body().get(0)
                .path("id").asText();
        JsonNode role = admin.get(DEMO_REALM + "/clients/" + management + "/roles/manage-realm").expectStatus(200).body();
        admin.post(DEMO_REALM + "/users/" + userId + "/role-mappings/clients/" + management, List.of(role))
                .expectStatus(204);
    }

    private String portalUrl() {
        return server.realmUrl(DEMO_REALM) + "/elevation/portal";
    }

    private AdminApi api(String username) {
        return AdminApi.elevationApiAs(server.baseUrl(), DEMO_REALM, username, Elevations.PASSWORD);
    }

    /** The number a list's title ends with: "Open now: 3". */
    private static long count(WebDriver driver, String titleId) {
        String title = driver.findElement(By.id(titleId)).getText();
        return Long.parseLong(title.substring(title.lastIndexOf(' ') + 1));
    }

    private static List<String> ids(JsonNode windows) {
        return StreamSupport.stream(windows.spliterator(), false).map(w -> w.path("id").asText()).toList();
    }

    /** "Op-1234abcd Tester (op-1234abcd)": how the harness's users are named on the pages. */
    private static String displayed(String username) {
        return username.substring(0, 1).toUpperCase() + username.substring(1) + " Tester (" + username + ")";
    }

    private static String idOf(Page page) {
        return page.document().selectFirst("#elevate-portal-mine [data-request]").attr("data-request");
    }

    private static WebElement row(WebElement table, String action, String windowId) {
        return table.findElements(By.cssSelector("tbody tr[data-action='" + action + "']")).stream()
                .filter(r -> r.getText().contains(windowId)).findFirst().orElseThrow();
    }

    private Page signIn(Browser browser, String username) {
        Page login = browser.open(portalUrl());
        Page portal = login.submit("#kc-form-login", Map.of("username", username, "password", Elevations.PASSWORD));
        assertThat(portal.status()).isEqualTo(200);
        return portal;
    }

    private void signIn(WebDriver driver, String username) {
        driver.get(portalUrl());
        WebElement name = chromium.await(presenceOfElementLocated(By.id("username")));
        name.sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(Elevations.PASSWORD, Keys.ENTER);
        chromium.await(presenceOfElementLocated(By.id("elevate-portal-title")));
    }

    /** The whole page, as tall as it is, for the docs (and a numbered copy under target/screenshots). */
    private void saveForDocs(WebDriver driver, String name) {
        Dimension size = driver.manage().window().getSize();
        long height = ((Number) ((JavascriptExecutor) driver)
                .executeScript("return document.documentElement.scrollHeight")).longValue();
        driver.manage().window().setSize(new Dimension(size.getWidth(), (int) Math.min(6000, height + 140)));
        chromium.screenshot(name);
        try {
            Files.createDirectories(DOCS_IMAGES);
            Files.write(DOCS_IMAGES.resolve("oversight-" + name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        driver.manage().window().setSize(size);
    }
}
