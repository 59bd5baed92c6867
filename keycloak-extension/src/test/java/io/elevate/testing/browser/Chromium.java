package io.elevate.testing.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Starts Debian's headless Chromium through its ChromeDriver (W3C WebDriver), with a fresh profile, a laptop-sized
 * window and the host names of {@link StandInServer}s resolved to this machine.
 *
 * <p>Both programs come from the Debian packages {@value #APT_PACKAGES} ({@code /usr/bin/chromium},
 * {@code /usr/bin/chromedriver}; other paths with {@code -Delevate.chromium.binary=} and
 * {@code -Delevate.chromium.driver=}). Their paths are always given to Selenium, so Selenium Manager never looks
 * for, or downloads, a browser or a driver. Without them, {@link #start} fails: it never skips.
 */
public final class Chromium {

    /** The Debian packages providing the browser and its driver. */
    public static final String APT_PACKAGES = "chromium chromium-driver";
    /** A common laptop screen, the size of the window (headless: the viewport) pages are shown and captured in. */
    public static final Dimension LAPTOP_SCREEN = new Dimension(1366, 900);

    private static final Path BINARY = Path.of(System.getProperty("elevate.chromium.binary", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("elevate.chromium.driver", "/usr/bin/chromedriver"));
    /**
     * Held so that its level sticks: the build leaves out Selenium's CDP bindings (only W3C WebDriver is used), and
     * Selenium would warn on every start that it has none for this Chromium version.
     */
    private static final Logger CDP_VERSION_FINDER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    static {
        CDP_VERSION_FINDER.setLevel(Level.SEVERE);
    }

    private Chromium() {
    }

    /**
     * Starts a browser whose profile is {@code workDirectory/profile} (created afresh; the caller deletes it after
     * {@code quit()}) and whose driver logs to {@code workDirectory/chromedriver.log}.
     *
     * @param standIns servers whose host names the browser resolves to 127.0.0.1 and their port; TLS certificate
     *                 errors are ignored, so that they can serve https with a self-signed certificate
     * @throws IllegalStateException if Chromium or ChromeDriver is not installed, naming the packages to install
     */
    public static ChromeDriver start(Path workDirectory, List<? extends StandInServer> standIns) {
        requireInstalled();
        Path profile = workDirectory.resolve("profile");
        try {
            Files.createDirectories(profile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the Chromium profile " + profile, e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(workDirectory.resolve("chromedriver.log").toFile())
                .build();
        return new ChromeDriver(service, options(profile, standIns));
    }

    static ChromeOptions options(Path profile, List<? extends StandInServer> standIns) {
        List<String> arguments = new ArrayList<>(List.of(
                "--headless=new",
                "--no-sandbox",               // runs as root in CI containers
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--lang=en-US",
                "--user-data-dir=" + profile.toAbsolutePath(),
                "--window-size=" + LAPTOP_SCREEN.getWidth() + "," + LAPTOP_SCREEN.getHeight()));
        if (!standIns.isEmpty()) {
            arguments.add("--host-resolver-rules=" + hostResolverRules(standIns));
            arguments.add("--ignore-certificate-errors");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments(arguments);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
        return options;
    }

    /** E.g. {@code MAP signin.aws.amazon.com 127.0.0.1:41234}, one rule per host name, comma-separated. */
    static String hostResolverRules(List<? extends StandInServer> standIns) {
        return standIns.stream()
                .flatMap(server -> server.hostNames().stream().map(host -> "MAP " + host + " 127.0.0.1:" + server.port()))
                .collect(Collectors.joining(", "));
    }

    private static void requireInstalled() {
        List<String> missing = new ArrayList<>();
        for (Path program : List.of(BINARY, DRIVER)) {
            File file = program.toFile();
            if (!file.isFile() || !file.canExecute()) {
                missing.add(program.toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The browser tests need headless Chromium and its ChromeDriver, but "
                    + String.join(" and ", missing) + (missing.size() == 1 ? " is" : " are") + " missing. Install "
                    + "Debian's packages: sudo apt-get install " + APT_PACKAGES + " (CI's .ci/run installs them), or "
                    + "point -Delevate.chromium.binary= and -Delevate.chromium.driver= at a matching pair.");
        }
    }
}
