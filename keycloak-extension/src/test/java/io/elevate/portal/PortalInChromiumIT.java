package io.elevate.portal;

import static io.elevate.testing.server.ElevateBuild.DEMO_REALM;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openqa.selenium.support.ui.ExpectedConditions.alertIsPresent;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlToBe;

import io.elevate.testing.Elevations;
import io.elevate.testing.PolicyAdmin;
import io.elevate.testing.aws.AwsSignInEndpoint;
import io.elevate.testing.browser.Browser;
import io.elevate.testing.browser.Chromium;
import io.elevate.testing.browser.ChromiumSession;
import io.elevate.testing.browser.Form;
import io.elevate.testing.browser.Page;
import io.elevate.testing.saml.SamlAttributes;
import io.elevate.testing.saml.SamlPost;
import io.elevate.testing.saml.SamlVerifier;
import io.elevate.testing.server.AdminApi;
import io.elevate.testing.server.ElevateBuild;
import io.elevate.testing.server.FileTrees;
import io.elevate.testing.server.KeycloakServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.opensaml.saml.saml2.core.Response;

/**
 * The elevation portal as people use it, in real headless Chromium against the real server: an operator asks, an
 * approver (another person, another browser profile) decides, the operator opens Session Manager and AWS (a local
 * stand-in) receives the signed SAML Response of exactly that window. Also: hostile text stays text, forged POSTs
 * change nothing, and the portal signs people in through Keycloak. Screenshots of every step:
 * {@code target/screenshots/PortalInChromiumIT.*}.
 */
@ExtendWith(KeycloakServer.class)
@DisplayName("The elevation portal in Chromium")
class PortalInChromiumIT {

    @RegisterExtension
    static final AwsSignInEndpoint AWS = new AwsSignInEndpoint();

    @RegisterExtension
    final ChromiumSession chromium = new ChromiumSession(AWS);

    private static final String AWS_ATTRIBUTE = "https://aws.amazon.com/SAML/Attributes/";
    private static final String INSTANCE = "i-0123456789abcdef0";
    private static final String DEEP_LINK = "https://console.aws.amazon.com/systems-manager/session-manager/"
            + INSTANCE + "?region=eu-west-1";
    /** The viewport of a 1366x768 laptop screen with the browser's bars. */
    private static final Dimension LAPTOP_VIEWPORT = new Dimension(1366, 757);
    private static final int MAX_TABS = 30;

    private KeycloakServer server;
    private Elevations elevations;
    private PolicyAdmin policies;
    private String testName;
    private String operator;
    private String approver;
    private String approvers;
    private String policy;

    @BeforeEach
    void setUp(KeycloakServer server, AdminApi admin, TestInfo test) {
        this.server = server;
        this.elevations = new Elevations(admin);
        this.testName = getClass().getSimpleName() + "." + test.getTestMethod().orElseThrow().getName();
        this.policies = new PolicyAdmin(admin);
        String operators = policies.newGroup("operators");
        this.approvers = policies.newGroup("approvers");
        this.operator = elevations.newUser("op");
        policies.addMember(elevations.userId(operator), operators);
        this.approver = elevations.newUser("appr");
        policies.addMember(elevations.userId(approver), approvers);
        this.policy = policies.create("Web servers " + operators.substring(operators.length() - 8),
                PolicyAdmin.policy(operators, approvers));
    }

    @Test
    void anOperatorAsksAnApproverApprovesAndTheOperatorOpensSessionManager() throws Exception {
        WebDriver operatorBrowser = chromium.driver();
        laptopViewport(operatorBrowser);
        signIn(operatorBrowser, operator, chromium::screenshot);
        chromium.screenshot("operator-portal");
        assertElevateStylesheetApplied(operatorBrowser);
        assertFitsTheScreen(operatorBrowser, "elevate-portal-request-submit");

        new Select(operatorBrowser.findElement(By.id("request-target"))).selectByValue(policy + "|" + INSTANCE);
        operatorBrowser.findElement(By.id("request-justification")).sendKeys("INC4711: restart the stuck web tier");
        operatorBrowser.findElement(By.id("request-ticket")).sendKeys("INC4711");
        WebElement duration = operatorBrowser.findElement(By.id("request-duration"));
        duration.clear();
        duration.sendKeys("60");
        chromium.screenshot("request-filled-in");
        operatorBrowser.findElement(By.id("elevate-portal-request-submit")).click();

        WebElement flash = chromium.await(presenceOfElementLocated(By.id("elevate-portal-flash")));
        chromium.screenshot("requested");
        assertThat(flash.getText()).isEqualTo("Your request was sent to the approvers.");
        assertThat(operatorBrowser.getCurrentUrl()).as("POST-redirect-GET").isEqualTo(portalUrl());
        WebElement mine = operatorBrowser.findElement(By.cssSelector("#elevate-portal-mine [data-request]"));
        String id = mine.getAttribute("data-request");
        assertThat(mine.findElement(By.cssSelector(".elevate-portal-status")).getText()).isEqualTo("Waiting for approval");
        assertThat(mine.findElements(By.cssSelector(".elevate-portal-open"))).as("nothing to open yet").isEmpty();

        try (SecondBrowser approverBrowser = SecondBrowser.start(testName, "approver")) {
            WebDriver driver = approverBrowser.driver();
            laptopViewport(driver);
            approverBrowser.run(() -> {
                signIn(driver, approver, approverBrowser::screenshot);
                WebElement waiting = new WebDriverWait(driver, ChromiumSession.PATIENCE)
                        .until(presenceOfElementLocated(By.id("waiting-" + id)));
                approverBrowser.screenshot("waiting-for-decision");
                assertThat(waiting.findElement(By.cssSelector(".elevate-portal-justification-text")).getText())
                        .isEqualTo("INC4711: restart the stuck web tier");
                assertThat(waiting.findElement(By.cssSelector(".elevate-portal-ticket-text")).getText())
                        .isEqualTo("INC4711");
                assertThat(waiting.getText()).contains(operator).contains(INSTANCE);
                assertFitsTheScreen(driver, "approve-" + id);

                WebElement comment = driver.findElement(By.id("comment-" + id));
                comment.sendKeys("ok, go ahead");
                keys(driver, Keys.TAB);
                assertThat(active(driver).getAttribute("id")).as("Tab goes from the comment to Approve")
                        .isEqualTo("approve-" + id);
                approverBrowser.screenshot("approve-focused");
                keys(driver, Keys.ENTER);
                WebElement approved = new WebDriverWait(driver, ChromiumSession.PATIENCE)
                        .until(presenceOfElementLocated(By.id("elevate-portal-flash")));
                approverBrowser.screenshot("approved");
                assertThat(approved.getText()).isEqualTo("Approved. The requester has been told.");
                assertThat(driver.findElements(By.id("waiting-" + id))).as("decided, no longer waiting").isEmpty();
            });
        }

        chromium.open(portalUrl());
        WebElement open = chromium.await(presenceOfElementLocated(By.id("open-" + id)));
        chromium.screenshot("window-open");
        WebElement item = operatorBrowser.findElement(By.id("mine-" + id));
        assertThat(item.findElement(By.cssSelector(".elevate-portal-status")).getText()).isEqualTo("Open");
        assertThat(item.getText()).contains("ok, go ahead");
        assertThat(open.getText()).isEqualTo("Open Session Manager");
        assertThat(open.getAttribute("href")).isEqualTo(server.realmUrl(DEMO_REALM)
                + "/protocol/saml/clients/amazon-aws?RelayState=" + URLEncoder.encode(DEEP_LINK, UTF_8));
        open.click();

        SamlPost post = AWS.awaitSamlPost(ChromiumSession.PATIENCE);
        chromium.await(urlToBe(AwsSignInEndpoint.ACS_URL.toString()));
        chromium.await(presenceOfElementLocated(By.id("received")));
        chromium.screenshot("aws-received-the-assertion");
        assertThat(AWS.samlPosts()).as("exactly one sign-in reached AWS").hasSize(1);
        assertThat(post.relayState()).isEqualTo(DEEP_LINK);
        Response response = post.response();
        SamlVerifier.forRealm(server.baseUrl(), DEMO_REALM).verify(response);
        assertThat(SamlAttributes.of(response))
                .containsEntry(AWS_ATTRIBUTE + "PrincipalTag:ElevationId", List.of(id))
                .containsEntry(AWS_ATTRIBUTE + "PrincipalTag:AppId", List.of("ABC"));
    }

    @Test
    void aHostileJustificationReachesTheApproverAsTextAndIsRejected() throws Exception {
        String hostile = "INC666 <script>alert(1)</script>";
        Page requested = signInWithoutJavaScript(new Browser(), operator).submit("#elevate-portal-request",
                Map.of("justification", hostile, "durationMinutes", "30"));
        assertThat(requested.status()).isEqualTo(200);
        String id = requested.document().selectFirst("#elevate-portal-mine [data-request]").attr("data-request");

        WebDriver driver = chromium.driver();
        laptopViewport(driver);
        signIn(driver, approver, chromium::screenshot);
        WebElement waiting = chromium.await(presenceOfElementLocated(By.id("waiting-" + id)));
        chromium.screenshot("hostile-justification");

        assertThatThrownBy(() -> new WebDriverWait(driver, Duration.ofSeconds(2)).until(alertIsPresent()))
                .as("no script of the justification ran")
                .isInstanceOf(TimeoutException.class);
        assertThat(waiting.findElement(By.cssSelector(".elevate-portal-justification-text")).getText())
                .as("the justification is shown as the text it is").isEqualTo(hostile);
        assertThat(driver.findElements(By.tagName("script"))).as("the portal has no script at all").isEmpty();

        driver.findElement(By.id("reject-" + id)).click();
        WebElement problem = chromium.await(presenceOfElementLocated(By.id("elevate-portal-problem")));
        chromium.screenshot("reject-needs-a-comment");
        assertThat(problem.getText()).contains("Nothing was changed").contains("Comment: say why you reject it");
        driver.findElement(By.id("comment-" + id)).sendKeys("no scripts in justifications, please");
        driver.findElement(By.id("reject-" + id)).click();
        WebElement flash = chromium.await(presenceOfElementLocated(By.id("elevate-portal-flash")));
        assertThat(flash.getText()).isEqualTo("Rejected. The requester has been told.");
        assertThat(elevations.window(id).expectStatus(200).body().path("status").asText()).isEqualTo("REJECTED");
    }

    @Test
    void aPostWithoutTheRightCsrfTokenIsRefusedAndChangesNothing() {
        Browser operatorBrowser = new Browser();
        Page requested = signInWithoutJavaScript(operatorBrowser, operator).submit("#elevate-portal-request",
                Map.of("justification", "INC42 patch the kernel", "durationMinutes", "30"));
        String id = requested.document().selectFirst("#elevate-portal-mine [data-request]").attr("data-request");
        String operatorsToken = requested.form("#elevate-portal-request").values().get(CsrfGuard.FIELD);

        Browser approverBrowser = new Browser();
        Page portal = signInWithoutJavaScript(approverBrowser, approver);
        assertThat(portal.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(portal.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'none'").contains("form-action 'self'")
                        .contains("frame-ancestors 'none'").doesNotContain("script-src"));

        Form withoutToken = portal.form("#decide-" + id);
        withoutToken.element().selectFirst("input[name=" + CsrfGuard.FIELD + "]").attr("disabled", "disabled");
        Page refused = withoutToken.submit(Map.of("comment", "sent without a token"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.document().selectFirst("#elevate-portal-error-title").text()).isEqualTo("Nothing was changed");
        assertThat(refused.headers().firstValue("Cache-Control")).hasValue("no-store");

        Page forged = approverBrowser.open(portalUrl()).submit("#decide-" + id,
                Map.of(CsrfGuard.FIELD, operatorsToken, "comment", "another session's token"));
        assertThat(forged.status()).isEqualTo(403);
        Page garbage = approverBrowser.open(portalUrl()).submit("#decide-" + id,
                Map.of(CsrfGuard.FIELD, "x".repeat(43), "comment", "made-up token"));
        assertThat(garbage.status()).isEqualTo(403);

        // A real browser, signed in as the approver, on another site that posts the approver's own valid token.
        WebDriver driver = chromium.driver();
        signIn(driver, approver, chromium::screenshot);
        String approversToken = driver.findElement(By.cssSelector("#decide-" + id + " input[name=" + CsrfGuard.FIELD + "]"))
                .getAttribute("value");
        chromium.open("https://" + AwsSignInEndpoint.HOST + "/another-site");
        ((JavascriptExecutor) driver).executeScript("const form = document.createElement('form');"
                + " form.method = 'post'; form.action = arguments[0];"
                + " for (const [name, value] of Object.entries(arguments[1])) {"
                + "   const input = document.createElement('input'); input.type = 'hidden'; input.name = name;"
                + "   input.value = value; form.appendChild(input); }"
                + " document.body.appendChild(form); form.submit();",
                portalUrl() + "/requests/" + id + "/approve",
                Map.of(CsrfGuard.FIELD, approversToken, "comment", "approved from another site"));
        WebElement crossSite = chromium.await(presenceOfElementLocated(By.id("elevate-portal-error")));
        chromium.screenshot("cross-site-post-refused");
        assertThat(crossSite.findElement(By.id("elevate-portal-error-title")).getText()).isEqualTo("Nothing was changed");

        assertThat(elevations.window(id).expectStatus(200).body().path("status").asText()).isEqualTo("REQUESTED");
        assertThat(elevations.audit(id)).extracting(r -> r.path("action").asText()).containsExactly("REQUESTED");
        Page stillWaiting = approverBrowser.open(portalUrl());
        assertThat(stillWaiting.document().getElementById("waiting-" + id)).isNotNull();

        Page approved = stillWaiting.submit("#decide-" + id, Map.of("comment", "with the page's own token"));
        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.document().selectFirst("#elevate-portal-flash").text())
                .isEqualTo("Approved. The requester has been told.");
        assertThat(elevations.window(id).expectStatus(200).body().path("status").asText()).isEqualTo("APPROVED");

        Page extended = operatorBrowser.open(portalUrl()).submit("#mine-" + id + " form[action$='/extend']",
                Map.of("minutes", "15", "justification", "the patch needs a reboot"));
        assertThat(extended.document().selectFirst("#elevate-portal-flash").text())
                .isEqualTo("Your request for more time was sent to the approvers.");
        assertThat(approverBrowser.open(portalUrl()).document().getElementById("waiting-" + id).text())
                .contains("asks for 15 more minutes").contains("the patch needs a reboot");
    }

    @Test
    void badInputAndRefusalsAreShownOnThePageAndChangeNothingAndARequestCanBeWithdrawn() {
        Browser browser = new Browser();
        Page portal = signInWithoutJavaScript(browser, operator);

        Page notANumber = portal.submit("#elevate-portal-request",
                Map.of("justification", "INC7 keep this text", "durationMinutes", "sixty"));
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.document().selectFirst("#elevate-portal-problem").text())
                .contains("Duration: must be a whole number of minutes");
        assertThat(notANumber.form("#elevate-portal-request").values())
                .as("the form keeps what was typed").containsEntry("justification", "INC7 keep this text")
                .containsEntry("durationMinutes", "sixty");

        Page unknownPolicy = portal.submit("#elevate-portal-request",
                Map.of("target", "no-such-policy|" + INSTANCE, "justification", "x", "durationMinutes", "30"));
        assertThat(unknownPolicy.status()).isEqualTo(400);
        assertThat(unknownPolicy.document().selectFirst("#elevate-portal-problem").text())
                .contains("Target: no elevation policy with this id in this realm");

        Page tooLong = portal.submit("#elevate-portal-request", Map.of("justification", "x", "durationMinutes", "500"));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.document().selectFirst("#elevate-portal-problem").text())
                .contains("Duration: must be between 1 and 120");

        Page valid = portal.submit("#elevate-portal-request", Map.of("justification", "INC8", "durationMinutes", "30"));
        assertThat(valid.status()).isEqualTo(200);
        assertThat(valid.document().select("#elevate-portal-mine [data-request]"))
                .as("the refused requests left nothing behind").hasSize(1);
        String id = valid.document().selectFirst("#elevate-portal-mine [data-request]").attr("data-request");

        Page refused = submitTo(browser, "/requests/" + id + "/approve", Map.of("comment", "me, myself"));
        assertThat(refused.status()).as("a refusal of the workflow is a page, never a 500").isEqualTo(403);
        assertThat(refused.document().selectFirst("#elevate-portal-problem").text())
                .isEqualTo("you cannot decide your own request");
        assertThat(elevations.window(id).expectStatus(200).body().path("status").asText()).isEqualTo("REQUESTED");

        Page withdrawn = browser.open(portalUrl()).submit("#mine-" + id + " form[action$='/cancel']", Map.of());
        assertThat(withdrawn.document().selectFirst("#elevate-portal-flash").text())
                .isEqualTo("Done: the request is cancelled.");
        assertThat(withdrawn.document().selectFirst("#mine-" + id + " .elevate-portal-status").text()).isEqualTo("Cancelled");
    }

    @Test
    void breakGlassIsMarkedAsAnEmergencyAndApproversReviewAndRevokeIt() {
        String breakGlass = policies.newGroup("break-glass");
        policies.addMember(elevations.userId(operator), breakGlass);
        Map<String, List<String>> config = PolicyAdmin.policy(policies.newGroup("nobody"), approvers);
        config.put("breakGlassGroup", List.of(breakGlass));
        String glass = policies.create("Emergency shell " + breakGlass.substring(breakGlass.length() - 8), config);

        WebDriver driver = chromium.driver();
        laptopViewport(driver);
        signIn(driver, operator, chromium::screenshot);
        WebElement summary = driver.findElement(By.id("elevate-portal-break-glass-summary"));
        assertThat(summary.getText()).isEqualTo("Emergency access (break-glass)");
        assertThat(summary.getCssValue("color")).as("marked in PatternFly's danger red").isEqualTo("rgba(163, 0, 0, 1)");
        assertThat(driver.findElement(By.id("elevate-portal-break-glass-form")).isDisplayed())
                .as("folded until asked for").isFalse();
        tabTo(driver, summary);
        keys(driver, Keys.ENTER);
        assertThat(driver.findElement(By.id("elevate-portal-break-glass-form")).isDisplayed()).isTrue();
        assertThat(new Select(driver.findElement(By.id("break-glass-target"))).getOptions())
                .extracting(o -> o.getAttribute("value")).containsExactly(glass + "|" + INSTANCE);
        driver.findElement(By.id("break-glass-justification")).sendKeys("INC999: the site is down");
        chromium.screenshot("break-glass-form");
        driver.findElement(By.id("elevate-portal-break-glass-submit")).click();

        WebElement flash = chromium.await(presenceOfElementLocated(By.id("elevate-portal-flash")));
        chromium.screenshot("break-glass-open");
        assertThat(flash.getText()).startsWith("Emergency access is open.");
        WebElement item = driver.findElement(By.cssSelector("#elevate-portal-mine [data-request]"));
        String id = item.getAttribute("data-request");
        assertThat(item.getText()).contains("Open").contains("Break-glass");
        assertThat(item.findElements(By.id("open-" + id))).hasSize(1);

        Browser approverBrowser = new Browser();
        Page portal = signInWithoutJavaScript(approverBrowser, approver);
        assertThat(portal.document().getElementById("review-" + id)).as("waits for review").isNotNull();
        Page noComment = portal.submit("#review-form-" + id, Map.of("comment", ""));
        assertThat(noComment.status()).isEqualTo(400);
        assertThat(noComment.document().selectFirst("#elevate-portal-problem").text()).contains("Comment: say what you found");
        Page reviewed = approverBrowser.open(portalUrl()).submit("#review-form-" + id,
                Map.of("comment", "checked the session log"));
        assertThat(reviewed.document().selectFirst("#elevate-portal-flash").text()).isEqualTo("Marked as reviewed.");
        assertThat(reviewed.document().getElementById("review-" + id)).isNull();
        Page revoked = reviewed.submit("#revoke-form-" + id, Map.of("reason", "incident over"));
        assertThat(revoked.document().selectFirst("#elevate-portal-flash").text()).isEqualTo("Revoked: the access has ended.");

        chromium.open(portalUrl());
        WebElement ended = chromium.await(presenceOfElementLocated(By.id("mine-" + id)));
        chromium.screenshot("revoked");
        assertThat(ended.findElement(By.cssSelector(".elevate-portal-status")).getText()).isEqualTo("Revoked");
        assertThat(ended.getText()).contains("incident over");
        assertThat(ended.findElements(By.id("open-" + id))).isEmpty();
    }

    @Test
    void anAuditorReadsTheHistoryNewestFirstAndDownloadsItAsCsv() {
        String auditor = elevations.newUser("auditor");
        policies.grantRealmRole(elevations.userId(auditor), "elevation-auditor");
        Page requested = signInWithoutJavaScript(new Browser(), operator).submit("#elevate-portal-request",
                Map.of("justification", "INC5 rotate the logs", "durationMinutes", "30"));
        String id = requested.document().selectFirst("#elevate-portal-mine [data-request]").attr("data-request");

        WebDriver driver = chromium.driver();
        laptopViewport(driver);
        signIn(driver, auditor, chromium::screenshot);
        WebElement audit = chromium.await(presenceOfElementLocated(By.id("elevate-portal-audit")));
        chromium.screenshot("history");
        List<WebElement> rows = audit.findElements(By.cssSelector("tbody tr"));
        assertThat(rows).hasSizeBetween(1, 20);
        // newest first: by the time each row starts with (another test may have left rows dated by a moved clock)
        assertThat(rows.stream().map(row -> row.getText().lines().findFirst().orElse("")).toList()).as("newest first")
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(rows).as("the request just asked for is among the newest")
                .anySatisfy(row -> assertThat(row.getText()).contains("REQUESTED").contains(operator).contains(id));
        assertThat(driver.findElements(By.id("elevate-portal-ask"))).as("an auditor asks for nothing").isEmpty();
        assertFitsTheScreen(driver, "elevate-portal-audit-csv");

        Browser auditorBrowser = new Browser();
        signInWithoutJavaScript(auditorBrowser, auditor);
        Page csv = auditorBrowser.open(portalUrl() + "/audit.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"elevation-audit.csv\"");
        assertThat(csv.body()).startsWith("occurred_at,action,request_id,actor,actor_username,requester,policy,"
                        + "account_id,role_name,instance_id,break_glass,approvals_so_far,reason,rule,stage,details,"
                        + "ip_address,request_url\r\n")
                .as("the request's record, with its actor's name and username")
                .containsPattern("\"REQUESTED\",\"" + id + "\",\"[^\"]+\",\"" + operator + "\"");

        Browser operatorBrowser = new Browser();
        signInWithoutJavaScript(operatorBrowser, operator);
        Page refused = operatorBrowser.open(portalUrl() + "/audit.csv");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.document().selectFirst("#elevate-portal-error-title").text()).isEqualTo("Only for auditors");
    }

    @Test
    void aVisitorWhoIsNotSignedInSignsInAtKeycloakLandsOnThePortalAndSignsOut() {
        WebDriver driver = chromium.driver();
        chromium.open(portalUrl());
        WebElement username = chromium.await(presenceOfElementLocated(By.id("username")));
        chromium.screenshot("keycloak-login");
        assertThat(driver.getCurrentUrl()).startsWith(server.realmUrl(DEMO_REALM) + "/protocol/openid-connect/auth?")
                .contains("client_id=elevate-portal").contains("code_challenge_method=S256")
                .contains("redirect_uri=" + URLEncoder.encode(portalUrl(), UTF_8));

        username.sendKeys(operator);
        driver.findElement(By.id("password")).sendKeys(Elevations.PASSWORD, Keys.ENTER);
        chromium.await(presenceOfElementLocated(By.id("elevate-portal-title")));
        chromium.screenshot("back-on-the-portal");
        assertThat(driver.getCurrentUrl()).as("no code or state left in the address").isEqualTo(portalUrl());
        assertThat(driver.findElement(By.id("elevate-portal-user")).getText()).isEqualTo(
                operator.substring(0, 1).toUpperCase() + operator.substring(1) + " Tester");
        assertThat(driver.findElement(By.id("request-target")).getText()).contains(INSTANCE);

        driver.findElement(By.id("elevate-portal-sign-out")).click();
        chromium.await(presenceOfElementLocated(By.id("kc-logout"))).click();
        chromium.await(presenceOfElementLocated(By.id("username")));
        chromium.screenshot("signed-out");
        assertThat(driver.getCurrentUrl()).as("signed out, the portal asks for a sign-in again")
                .startsWith(server.realmUrl(DEMO_REALM) + "/protocol/openid-connect/auth?");
    }

    // ---------------------------------------------------------------------------------------------------------------

    private String portalUrl() {
        return server.realmUrl(DEMO_REALM) + "/elevation/portal";
    }

    /** Opens the portal, signs in on Keycloak's login page by typing, and waits for the portal. */
    private void signIn(WebDriver driver, String username, Screenshots screenshots) {
        driver.get(portalUrl());
        WebElement name = new WebDriverWait(driver, ChromiumSession.PATIENCE)
                .until(presenceOfElementLocated(By.id("username")));
        screenshots.take("login");
        name.sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(Elevations.PASSWORD, Keys.ENTER);
        new WebDriverWait(driver, ChromiumSession.PATIENCE).until(presenceOfElementLocated(By.id("elevate-portal-title")));
        assertThat(driver.getCurrentUrl()).isEqualTo(portalUrl());
    }

    private Page signInWithoutJavaScript(Browser browser, String username) {
        Page login = browser.open(portalUrl());
        Page portal = login.submit("#kc-form-login", Map.of("username", username, "password", Elevations.PASSWORD));
        assertThat(portal.url().toString()).isEqualTo(portalUrl());
        assertThat(portal.status()).isEqualTo(200);
        return portal;
    }

    /** Posts {@code fields} and the page's CSRF token to a portal path, as a form of the page would. */
    private Page submitTo(Browser browser, String path, Map<String, String> fields) {
        Page page = browser.open(portalUrl());
        Form form = page.form("#elevate-portal-request");
        form.element().attr("action", portalUrl() + path);
        form.values().keySet().stream().filter(name -> !name.equals(CsrfGuard.FIELD) && !fields.containsKey(name))
                .forEach(name -> form.element().select("[name=" + name + "]").attr("disabled", "disabled"));
        return form.submit(fields);
    }

    /** Sizes the window so that the page gets exactly a laptop's viewport. */
    private static void laptopViewport(WebDriver driver) {
        driver.manage().window().setSize(LAPTOP_VIEWPORT);
        List<?> inner = (List<?>) ((JavascriptExecutor) driver)
                .executeScript("return [window.innerWidth, window.innerHeight];");
        int width = ((Number) inner.get(0)).intValue();
        int height = ((Number) inner.get(1)).intValue();
        driver.manage().window().setSize(new Dimension(2 * LAPTOP_VIEWPORT.getWidth() - width,
                2 * LAPTOP_VIEWPORT.getHeight() - height));
    }

    /** No horizontal scrolling, and the primary action is on screen without scrolling. */
    private static void assertFitsTheScreen(WebDriver driver, String primaryActionId) {
        List<?> sizes = (List<?>) ((JavascriptExecutor) driver).executeScript(
                "const r = document.getElementById(arguments[0]).getBoundingClientRect();"
                        + " return [window.innerWidth, window.innerHeight, document.documentElement.scrollWidth,"
                        + " r.bottom];", primaryActionId);
        double width = ((Number) sizes.get(0)).doubleValue();
        double height = ((Number) sizes.get(1)).doubleValue();
        assertThat(width).as("viewport width").isEqualTo(LAPTOP_VIEWPORT.getWidth());
        assertThat(height).as("viewport height").isEqualTo(LAPTOP_VIEWPORT.getHeight());
        assertThat(((Number) sizes.get(2)).doubleValue()).as("page width: no horizontal scroll").isLessThanOrEqualTo(width);
        assertThat(((Number) sizes.get(3)).doubleValue()).as(primaryActionId + " is visible without scrolling")
                .isLessThanOrEqualTo(height);
    }

    private static void assertElevateStylesheetApplied(WebDriver driver) {
        assertThat(driver.findElements(By.cssSelector("link[rel=stylesheet][href*='patternfly-v5/patternfly.min.css']")))
                .as("the login theme's PatternFly 5").isNotEmpty();
        assertThat(driver.findElements(By.cssSelector("link[rel=stylesheet][href*='css/elevate.css']")))
                .as("the elevate theme's stylesheet").isNotEmpty();
        WebElement submit = driver.findElement(By.id("elevate-portal-request-submit"));
        assertThat(submit.getCssValue("background-color")).as("a PatternFly primary button")
                .isNotEqualTo("rgba(0, 0, 0, 0)");
        assertThat(driver.findElement(By.cssSelector(".elevate-portal-grid")).getCssValue("display")).isEqualTo("grid");
    }

    /** Presses Tab until {@code target} has the focus, as a keyboard user does. */
    private static void tabTo(WebDriver driver, WebElement target) {
        for (int tabs = 0; tabs < MAX_TABS; tabs++) {
            if (active(driver).equals(target)) {
                return;
            }
            keys(driver, Keys.TAB);
        }
        throw new AssertionError("Tab never reached " + target.getAttribute("id") + " within " + MAX_TABS + " presses");
    }

    private static void keys(WebDriver driver, CharSequence key) {
        new Actions(driver).sendKeys(key).perform();
    }

    private static WebElement active(WebDriver driver) {
        return driver.switchTo().activeElement();
    }

    private interface Screenshots {
        void take(String step);
    }

    private interface Steps {
        void run() throws Exception;
    }

    /**
     * Another person's browser: a Chromium with a fresh profile of its own (so no cookie is shared with the
     * {@link ChromiumSession}'s), with numbered screenshots named after the test and the person, and one of the page
     * it was on when a step fails.
     */
    private static final class SecondBrowser implements AutoCloseable {

        private final ChromeDriver driver;
        private final Path workDirectory;
        private final Path screenshots;
        private final String prefix;
        private int steps;

        private SecondBrowser(ChromeDriver driver, Path workDirectory, Path screenshots, String prefix) {
            this.driver = driver;
            this.workDirectory = workDirectory;
            this.screenshots = screenshots;
            this.prefix = prefix;
        }

        static SecondBrowser start(String testName, String person) throws IOException {
            Path target = ElevateBuild.fromSystemProperties().buildDirectory();
            Path work = target.resolve("chromium").resolve(testName + "-" + person);
            FileTrees.delete(work);
            Files.createDirectories(work);
            ChromeDriver driver = Chromium.start(work, List.of(AWS));
            driver.manage().timeouts().pageLoadTimeout(ChromiumSession.PATIENCE);
            return new SecondBrowser(driver, work, Files.createDirectories(target.resolve("screenshots")),
                    testName + "-" + person);
        }

        WebDriver driver() {
            return driver;
        }

        void screenshot(String step) {
            steps++;
            save(String.format("%02d-%s", steps, step));
        }

        void run(Steps body) throws Exception {
            try {
                body.run();
            } catch (Exception | AssertionError failure) {
                save("FAILED");
                throw failure;
            }
        }

        private void save(String suffix) {
            try {
                Files.write(screenshots.resolve(prefix + "-" + suffix + ".png"), driver.getScreenshotAs(OutputType.BYTES));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            driver.quit();
            FileTrees.delete(workDirectory.resolve("profile"));
        }
    }
}
