package io.elevate.signin;

import static io.elevate.testing.server.ElevateBuild.DEMO_REALM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openqa.selenium.support.ui.ExpectedConditions.alertIsPresent;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.urlToBe;

import io.elevate.testing.AwsSignIn;
import io.elevate.testing.Elevations;
import io.elevate.testing.aws.AwsSignInEndpoint;
import io.elevate.testing.browser.ChromiumSession;
import io.elevate.testing.saml.SamlAttributes;
import io.elevate.testing.saml.SamlPost;
import io.elevate.testing.saml.SamlVerifier;
import io.elevate.testing.server.AdminApi;
import io.elevate.testing.server.KeycloakServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.opensaml.saml.saml2.core.Response;

/**
 * The gate's pages as a person sees and uses them, in real headless Chromium: the themed picker chosen by keyboard,
 * the browser's own POST of the SAML Response to AWS (received by a local stand-in for signin.aws.amazon.com), the
 * denial page, and hostile window text staying text. Screenshots of every step: {@code target/screenshots/}.
 */
@ExtendWith(KeycloakServer.class)
@DisplayName("The gate's pages in Chromium")
class GatePagesInChromiumIT {

    @RegisterExtension
    static final AwsSignInEndpoint AWS = new AwsSignInEndpoint();

    @RegisterExtension
    final ChromiumSession chromium = new ChromiumSession(AWS);

    private static final String AWS_ATTRIBUTE = "https://aws.amazon.com/SAML/Attributes/";
    private static final String SECOND_INSTANCE = "i-0fedcba9876543210";
    private static final String HOSTILE = "<img src=x onerror=alert(1)>";
    private static final int MAX_TABS = 20;

    private KeycloakServer server;
    private Elevations elevations;
    private String user;

    @BeforeEach
    void setUp(KeycloakServer server, AdminApi admin) {
        this.server = server;
        this.elevations = new Elevations(admin);
        this.user = elevations.newUser("browser");
    }

    @Test
    void aUserChoosesTheSecondWindowWithTheKeyboardAndTheBrowserPostsItsAssertionToAws() throws InterruptedException {
        String firstId = elevations.grant(Elevations.window(user, Duration.ofHours(2)));
        Map<String, Object> second = Elevations.window(user, Duration.ofHours(4));
        second.put("instanceId", SECOND_INSTANCE);
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("AppGroupName", "database");
        tags.put("AppId", "DB1");
        tags.put("ReleaseId", "2.1");
        second.put("tags", tags);
        String secondId = elevations.grant(second);

        signIn();
        WebElement picker = chromium.await(presenceOfElementLocated(By.id("elevate-pick")));
        chromium.screenshot("picker");

        assertThat(driver().findElement(By.id("kc-page-title")).getText()).isEqualTo("Choose your elevation");
        assertThat(picker.getText()).contains("i-0123456789abcdef0").contains(SECOND_INSTANCE);
        assertElevateStylesheetApplied();
        List<WebElement> options = picker.findElements(By.cssSelector("input[type=radio][name=window]"));
        assertThat(options).extracting(option -> option.getAttribute("value"))
                .as("windows listed in the order they end").startsWith(firstId, secondId);
        assertThat(options.get(0).isSelected()).as("the first window is preselected").isTrue();

        tabTo(options.get(0));
        keys(Keys.ARROW_DOWN);
        assertThat(active()).isEqualTo(options.get(1));
        keys(Keys.SPACE);
        assertThat(options.get(1).isSelected()).as("the second window is chosen").isTrue();
        assertThat(options.get(0).isSelected()).isFalse();
        chromium.screenshot("second-window-chosen");
        keys(Keys.TAB);
        assertThat(active().getAttribute("id")).as("Tab leaves the choices for the submit button")
                .isEqualTo("elevate-continue");
        chromium.screenshot("continue-focused");
        keys(Keys.ENTER);

        SamlPost post = AWS.awaitSamlPost(ChromiumSession.PATIENCE);
        chromium.await(urlToBe(AwsSignInEndpoint.ACS_URL.toString()));
        chromium.await(presenceOfElementLocated(By.id("received")));
        chromium.screenshot("aws-received-the-assertion");

        assertThat(AWS.samlPosts()).as("exactly one sign-in reached AWS").hasSize(1);
        assertThat(post.relayState()).isEqualTo("https://console.aws.amazon.com/systems-manager/session-manager/"
                + SECOND_INSTANCE + "?region=eu-west-1");
        Response response = post.response();
        SamlVerifier.forRealm(server.baseUrl(), DEMO_REALM).verify(response);
        Map<String, List<String>> attributes = SamlAttributes.of(response);
        assertThat(attributes).containsEntry(AWS_ATTRIBUTE + "PrincipalTag:ElevationId", List.of(secondId));
        assertThat(attributes).containsEntry(AWS_ATTRIBUTE + "PrincipalTag:AppId", List.of("DB1"));
    }

    @Test
    void aUserWhoseChosenWindowWasRevokedWhileThePickerWasOpenIsAskedAgainAndNothingReachesAws() {
        String firstId = elevations.grant(Elevations.window(user, Duration.ofHours(2)));
        Map<String, Object> second = Elevations.window(user, Duration.ofHours(4));
        second.put("instanceId", SECOND_INSTANCE);
        String secondId = elevations.grant(second);

        signIn();
        chromium.await(presenceOfElementLocated(By.id("elevate-pick")));
        elevations.revoke(firstId, "revoked while the picker was open").expectStatus(200);
        driver().findElement(By.id("elevate-continue")).click();
        chromium.await(textToBePresentInElementLocated(By.tagName("body"),
                "The elevation you chose is no longer open"));
        chromium.screenshot("picker-after-the-chosen-window-closed");

        assertThat(driver().findElement(By.id("kc-page-title")).getText()).isEqualTo("Choose your elevation");
        assertThat(driver().findElement(By.cssSelector("#elevate-pick legend")).getText())
                .isEqualTo("This approved elevation is still open. Do you sign in to AWS with it?");
        List<WebElement> options = driver().findElements(By.cssSelector("#elevate-pick input[type=radio][name=window]"));
        assertThat(options).extracting(option -> option.getAttribute("value"))
                .as("only the window still open is offered, and not chosen for the user").containsExactly(secondId);
        assertThat(driver().findElements(By.name("SAMLResponse"))).isEmpty();
        assertThat(driver().getCurrentUrl()).startsWith(server.baseUrl());
        assertThat(AWS.requests()).as("requests that reached the AWS stand-in").isEmpty();
    }

    @Test
    void aUserWithoutAWindowSeesTheDenialPageAndNothingReachesAws() throws InterruptedException {
        signIn();
        WebElement denied = chromium.await(presenceOfElementLocated(By.id("elevate-denied")));
        chromium.screenshot("denied");

        assertThat(driver().findElement(By.id("kc-page-title")).getText()).isEqualTo("No AWS access right now");
        assertThat(denied.findElement(By.id("elevate-denied-message")).getText())
                .isEqualTo("You have no approved elevation for this AWS access at this time.");
        WebElement nextTitle = denied.findElement(By.cssSelector(".elevate-next-title"));
        assertThat(nextTitle.getText()).isEqualTo("What to do next");
        assertThat(nextTitle.isDisplayed()).isTrue();
        assertThat(denied.findElement(By.id("elevate-next")).getText()).startsWith("Ask for elevation");
        assertThat(nextTitle.getCssValue("font-weight")).as("elevate.css styles the page").isEqualTo("600");
        assertThat(driver().findElements(By.name("SAMLResponse"))).isEmpty();

        Thread.sleep(1_000); // a POST to AWS would start right after the page loads: give it the chance to
        assertThat(driver().getCurrentUrl()).startsWith(server.baseUrl());
        assertThat(AWS.requests()).as("requests that reached the AWS stand-in").isEmpty();
    }

    @Test
    void hostileTextInAWindowStaysText() {
        for (Duration length : List.of(Duration.ofHours(2), Duration.ofHours(3))) {
            Map<String, Object> window = Elevations.window(user, length);
            window.put("justification", "INC666 " + HOSTILE);
            elevations.grant(window);
        }

        signIn();
        WebElement picker = chromium.await(presenceOfElementLocated(By.id("elevate-pick")));
        chromium.screenshot("picker-with-hostile-justification");

        assertThatThrownBy(() -> new WebDriverWait(driver(), Duration.ofSeconds(2)).until(alertIsPresent()))
                .as("no script of the justification ran")
                .isInstanceOf(org.openqa.selenium.TimeoutException.class);
        assertThat(driver().findElements(By.cssSelector("img[src='x']"))).isEmpty();
        assertThat(driver().findElements(By.cssSelector("[onerror]"))).isEmpty();
        if (picker.getText().contains("INC666")) {
            assertThat(picker.getText()).as("the justification is shown as text").contains("INC666 " + HOSTILE);
        }
    }

    /** Follows the company's AWS link and signs in by typing, as a person does. */
    private void signIn() {
        chromium.open(server.baseUrl() + AwsSignIn.IDP_INITIATED_PATH);
        WebElement username = chromium.await(presenceOfElementLocated(By.id("username")));
        chromium.screenshot("login");
        username.sendKeys(user);
        driver().findElement(By.id("password")).sendKeys(Elevations.PASSWORD, Keys.ENTER);
    }

    private void assertElevateStylesheetApplied() {
        assertThat(driver().findElements(By.cssSelector("link[rel=stylesheet][href*='css/elevate.css']")))
                .as("the elevate theme's stylesheet is linked").isNotEmpty();
        WebElement choice = driver().findElement(By.cssSelector(".elevate-choice"));
        assertThat(choice.getCssValue("display")).isEqualTo("flex");
        assertThat(choice.getCssValue("border-top-left-radius")).isEqualTo("4px");
        assertThat(driver().findElement(By.cssSelector(".elevate-tags")).getCssValue("font-family"))
                .contains("monospace");
    }

    /** Presses Tab until {@code target} has the focus, as a keyboard user does. */
    private void tabTo(WebElement target) {
        for (int tabs = 0; tabs < MAX_TABS; tabs++) {
            if (active().equals(target)) {
                return;
            }
            keys(Keys.TAB);
        }
        throw new AssertionError("Tab never reached " + target.getAttribute("id") + " within " + MAX_TABS + " presses");
    }

    private void keys(CharSequence key) {
        new Actions(driver()).sendKeys(key).perform();
    }

    private WebElement active() {
        return driver().switchTo().activeElement();
    }

    private WebDriver driver() {
        return chromium.driver();
    }
}
