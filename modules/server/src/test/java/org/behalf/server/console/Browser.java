package org.behalf.server.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One person's browser: Debian's headless Chromium driven through its ChromeDriver (installed by
 * {@code scripts/test}), with its own profile, so two people never share cookies. Screenshots of
 * the pages are written only when {@code BEHALF_SCREENSHOTS} names a folder (docs/screenshots is
 * made that way).
 */
final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("BEHALF_CHROMIUM", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getenv().getOrDefault("BEHALF_CHROMEDRIVER", "/usr/bin/chromedriver"));

    private final ChromeDriver driver;
    private final Path profile;
    private final String base;

    Browser(String base) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("Chromium and ChromeDriver are needed (scripts/test installs Debian's "
                    + "chromium and chromium-driver); not found at " + CHROMIUM + " and " + DRIVER);
        }
        try {
            profile = Files.createTempDirectory("behalf-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        this.driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
        this.base = base;
    }

    Browser open(String path) {
        driver.get(base + path);
        return this;
    }

    String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    String url() {
        return driver.getCurrentUrl();
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    java.util.List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    boolean has(String css) {
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        try {
            return !driver.findElements(By.cssSelector(css)).isEmpty();
        } finally {
            driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
        }
    }

    Browser type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
        return this;
    }

    Browser click(String css) {
        find(css).click();
        return this;
    }

    /** Clicks a button that submits a form, and waits for the next page. */
    Browser submit(String css) {
        return navigate(find(css));
    }

    /** Clicks the button whose text is exactly this, and waits for the next page. */
    Browser press(String text) {
        return navigate(driver.findElement(By.xpath("//button[normalize-space(.)='" + text + "']")));
    }

    /** Marks the current document, clicks, and waits until a new document has loaded completely. */
    private Browser navigate(WebElement button) {
        driver.executeScript("window.behalfOldPage = true");
        button.click();
        new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(WebDriverException.class)
                .until(d -> Boolean.TRUE.equals(driver.executeScript(
                        "return window.behalfOldPage === undefined && document.readyState === 'complete'")));
        return this;
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    String source() {
        return driver.getPageSource();
    }

    /** Signs in on the authorization server's form, which then brings the browser back to the console. */
    Browser signIn(String username, String password) {
        open("/console");
        type("input[name=username]", username).type("input[name=password]", password);
        return press("Sign in");
    }

    void screenshot(String name) {
        String folder = System.getenv("BEHALF_SCREENSHOTS");
        if (folder == null || folder.isBlank()) {
            return;
        }
        try {
            driver.executeScript("window.scrollTo(0, 0)");
            Path target = Path.of(folder).resolve(name + ".png");
            Files.createDirectories(target.getParent());
            Files.write(target, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind
        }
    }
}
