package io.elevate.testing.browser;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.elevate.testing.server.ElevateBuild;
import io.elevate.testing.server.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * JUnit 5 extension giving each test its own fresh headless {@link Chromium}, and recording what it shows.
 *
 * <p>Register it on a field, {@code @RegisterExtension final ChromiumSession chromium = new ChromiumSession(standIn)};
 * the stand-in servers must be started before each test (e.g. static extensions themselves). {@link #screenshot}
 * writes {@code target/screenshots/<TestClass>.<method>-<NN>-<step>.png}; when a test (or its set-up) fails, the page
 * it was on is always saved as {@code ...-FAILED.png} and {@code ...-FAILED.html}. The browser is quit after each test.
 */
public final class ChromiumSession implements BeforeEachCallback, AfterEachCallback {

    /** How long {@link #await} waits for a page to get somewhere. */
    public static final Duration PATIENCE = Duration.ofSeconds(30);

    private final List<StandInServer> standIns;
    private Path screenshots;
    private Path workDirectory;
    private String testName;
    private int steps;
    private ChromeDriver driver;

    public ChromiumSession(StandInServer... standIns) {
        this.standIns = List.of(standIns);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        Path target = ElevateBuild.fromSystemProperties().buildDirectory();
        testName = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
        screenshots = Files.createDirectories(target.resolve("screenshots"));
        deleteEarlierScreenshots();
        workDirectory = target.resolve("chromium").resolve(testName);
        FileTrees.delete(workDirectory);
        Files.createDirectories(workDirectory);
        steps = 0;
        driver = Chromium.start(workDirectory, standIns);
        driver.manage().timeouts().pageLoadTimeout(PATIENCE);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try {
            if (context.getExecutionException().isPresent() && driver != null) {
                saveFailedPage();
            }
        } finally {
            ChromeDriver running = driver;
            driver = null;
            if (running != null) {
                running.quit();
            }
            if (workDirectory != null) {
                // Keep the driver's log, drop the profile.
                FileTrees.delete(workDirectory.resolve("profile"));
            }
        }
    }

    /** The browser of the current test. */
    public WebDriver driver() {
        if (driver == null) {
            throw new IllegalStateException("No browser: ChromiumSession starts one before each test only");
        }
        return driver;
    }

    /** Loads {@code url} (waiting for the page's load event). */
    public void open(String url) {
        driver().get(url);
    }

    /** Waits up to {@link #PATIENCE} for {@code condition}, e.g. {@code presenceOfElementLocated(By.id("x"))}. */
    public <T> T await(ExpectedCondition<T> condition) {
        return new WebDriverWait(driver(), PATIENCE).until(condition);
    }

    /** Saves what the browser shows now as the next numbered step of this test, e.g. {@code ...-02-picker.png}. */
    public Path screenshot(String step) {
        steps++;
        return saveScreenshot(String.format("%02d-%s", steps, step));
    }

    private Path saveScreenshot(String suffix) {
        Path file = screenshots.resolve(testName + "-" + suffix + ".png");
        try {
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        return file;
    }

    private void saveFailedPage() {
        String url = "(unknown)";
        try {
            url = driver.getCurrentUrl();
            Files.writeString(screenshots.resolve(testName + "-FAILED.html"), driver.getPageSource(), UTF_8);
            Path file = saveScreenshot("FAILED");
            System.err.println(testName + " failed on " + url + "; the browser showed " + file);
        } catch (WebDriverException | IOException | UncheckedIOException e) {
            // e.g. an alert is open, or the browser crashed: report it, and let the test's own failure stand.
            System.err.println(testName + " failed on " + url + "; no screenshot could be taken: " + e);
        }
    }

    private void deleteEarlierScreenshots() throws IOException {
        try (Stream<Path> files = Files.list(screenshots)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(testName + "-")).toList()) {
                Files.delete(file);
            }
        }
    }
}
