package org.behalf.server.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.stream.Collectors;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One person's browser: Debian's headless Chromium driven through its ChromeDriver (installed by
 * {@code scripts/test}), at a desktop (1366 px) or a phone (390 px) width. Two people open at once
 * are two browsers, so they never share cookies. A browser a test has closed is kept, emptied, for
 * the next person (see {@link #IDLE}). The browser is {@code chromium-headless-shell}, Chromium's
 * headless build for automation (the same Blink engine, without the desktop browser around it):
 * the console's journeys cost it half the CPU that the full {@code chromium --headless} took (58 s
 * against 114 s for {@code ConsoleJourneyTest} on a 2-core machine, 2026-12-05), on a suite that
 * must stay under ten minutes. Screenshots of the pages are written only when
 * {@code BEHALF_SCREENSHOTS} names a folder (docs/screenshots is made that way), with the width's
 * name after the page's.
 *
 * <p>Every page the browser lands on is checked as a person would meet it (issue 18): it must not
 * scroll sideways at this width, and Deque's axe-core must find no serious or critical violation.
 * Each page state (its path, and whether it shows an error) is checked for width once per width per
 * test run, and by axe-core once per run, which keeps the checks cheap in journeys that come back to
 * the same page.
 */
final class Browser implements AutoCloseable {

    static final int DESKTOP = 1366;
    static final int PHONE = 390;

    /** Page states already checked in this test run, as "width path error?". */
    private static final Set<String> CHECKED = ConcurrentHashMap.newKeySet();
    /**
     * Page states already checked by axe-core, as "path error?": axe-core, the costly check, runs
     * once per state whichever width meets it first (the markup is the same at both widths); the
     * sideways-scrolling check runs at each width.
     */
    private static final Set<String> AXED = ConcurrentHashMap.newKeySet();
    /** Time spent in the checks, said at each browser's close: what they cost the suite. */
    private static final java.util.concurrent.atomic.AtomicLong CHECK_NANOS = new java.util.concurrent.atomic.AtomicLong();

    /**
     * The browser itself, not Debian's {@code /usr/bin/chromium-headless-shell}: that is a script that
     * runs the browser as its child, so ChromeDriver's quit ended the script, left the browser running
     * and waited for it, some 20 s per browser.
     */
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("BEHALF_CHROMIUM", "/usr/lib/chromium/chromium-headless-shell"));
    private static final Path DRIVER = Path.of(System.getenv().getOrDefault("BEHALF_CHROMEDRIVER", "/usr/bin/chromedriver"));

    private static final String SWAGGER_UI = "/docs/swagger-ui/";

    /**
     * Browsers closed by a test, emptied and waiting for the next one: starting Chromium and its
     * driver takes about 0.9 s on a 2-core machine, and the suite opens 27 browsers. An emptied
     * browser is what a person has after clearing their browser's data. Quit when the test JVM ends.
     */
    private static final Deque<ChromeDriver> IDLE = new ConcurrentLinkedDeque<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> IDLE.forEach(ChromeDriver::quit)));
    }

    private final ChromeDriver driver;
    private final String base;
    private final int width;

    Browser(String base) {
        this(base, DESKTOP);
    }

    Browser(String base, int width) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("Chromium and ChromeDriver are needed (scripts/test installs Debian's "
                    + "chromium-headless-shell and chromium-driver); not found at " + CHROMIUM + " and " + DRIVER);
        }
        ChromeDriver idle = IDLE.poll();
        this.driver = idle != null ? idle : start();
        this.driver.manage().window().setSize(new Dimension(Math.max(width, 500), 900));
        this.driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
        this.base = base;
        this.width = width;
        // A window is at least 500 px wide, even headless: the width people see is emulated, as
        // Chromium's device mode does (a phone's viewport: mobile, so the page's viewport meta applies).
        viewport(900);
    }

    private static ChromeDriver start() {
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--hide-scrollbars");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private void viewport(long height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", width <= PHONE));
    }

    int width() {
        return width;
    }

    Browser open(String path) {
        driver.get(base + path);
        return checked();
    }

    /**
     * The page as a person meets it: no sideways scrolling at this width, and no serious or
     * critical accessibility violation (axe-core's WCAG 2.x A and AA rules and its best practices).
     */
    Browser checked() {
        String page = path() + " " + has(".error,[aria-invalid=true]");
        String state = width + " " + page;
        if (!CHECKED.add(state)) {
            return this;
        }
        long started = System.nanoTime();
        try {
            check(state, page);
        } finally {
            CHECK_NANOS.addAndGet(System.nanoTime() - started);
        }
        return this;
    }

    private void check(String state, String page) {
        long scrollWidth = ((Number) driver.executeScript("return document.documentElement.scrollWidth")).longValue();
        if (scrollWidth > width) {
            String widest = String.valueOf(driver.executeScript(
                    "let w=null;for(const e of document.querySelectorAll('body *')){const r=e.getBoundingClientRect();"
                    + "if(r.right>arguments[0]+1&&(!w||r.right>w.r))w={r:r.right,t:e.tagName+(e.id?'#'+e.id:'')+'.'+e.className};}"
                    + "return w&&(w.t+' reaches '+Math.round(w.r));", width));
            CHECKED.remove(state);
            throw new AssertionError(path() + " scrolls sideways at " + width + " px: " + scrollWidth + " px wide (" + widest + ")");
        }
        if (page.startsWith(SWAGGER_UI) || !AXED.add(page)) {
            // Swagger UI (the API's documentation page) is a third-party bundle served as it ships: its
            // own accessibility faults (contrast, nested controls) are not ours to fix in its markup.
            return;
        }
        Results results = new AxeBuilder().analyze(driver);
        List<Rule> serious = results.getViolations().stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())).toList();
        if (!serious.isEmpty()) {
            CHECKED.remove(state);
            AXED.remove(page);
            throw new AssertionError(path() + " at " + width + " px has accessibility violations:\n" + serious.stream()
                    .map(rule -> rule.getImpact() + " " + rule.getId() + ": " + rule.getHelp() + " at "
                            + rule.getNodes().stream().map(node -> String.valueOf(node.getTarget())).limit(5).toList())
                    .collect(Collectors.joining("\n")));
        }
    }

    String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    String url() {
        return driver.getCurrentUrl();
    }

    /** The value of this browser's cookie of that name for the current site, or null. */
    String cookie(String name) {
        org.openqa.selenium.Cookie cookie = driver.manage().getCookieNamed(name);
        return cookie == null ? null : cookie.getValue();
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

    /**
     * Picks a value in a time or date field, as its picker would: typing into one depends on the
     * browser's locale (12- or 24-hour, day or month first), the value it sends does not.
     */
    /** This browser's clock in another zone, as a laptop set to that place has it (Chromium's own emulation). */
    Browser timeZone(String zone) {
        driver.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", zone));
        return this;
    }

    Browser pick(String css, String value) {
        driver.executeScript("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'))", find(css), value);
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

    /** Drops this browser's cookies, as a session that ended (timed out, or signed out in another tab) leaves it. */
    Browser forgetSession() {
        driver.manage().deleteAllCookies();
        return this;
    }

    /** What this tab keeps under that key in its sessionStorage for the current site (the page's own scripts), or null. */
    String tabStorage(String key) {
        return (String) driver.executeScript("return sessionStorage.getItem(arguments[0])", key);
    }

    /** Takes an element out of the page, as a hand-made request would leave a form's field out. */
    Browser remove(String css) {
        driver.executeScript("arguments[0].remove()", find(css));
        return this;
    }

    /** Clicks the button whose text is exactly this, and waits for the next page. */
    Browser press(String text) {
        return navigate(driver.findElement(By.xpath("//button[normalize-space(.)='" + text + "']")));
    }

    /** The browser's Back button: the page before, as the browser brings it back (with what was typed, where it keeps that). */
    Browser back() {
        driver.executeScript("window.behalfOldPage = true");
        driver.navigate().back();
        new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(WebDriverException.class)
                .until(d -> Boolean.TRUE.equals(driver.executeScript(
                        "return window.behalfOldPage === undefined && document.readyState === 'complete'")));
        return checked();
    }

    /** Marks the current document, clicks, and waits until a new document has loaded completely. */
    private Browser navigate(WebElement button) {
        driver.executeScript("window.behalfOldPage = true");
        button.click();
        new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(WebDriverException.class)
                .until(d -> Boolean.TRUE.equals(driver.executeScript(
                        "return window.behalfOldPage === undefined && document.readyState === 'complete'")));
        return checked();
    }

    /**
     * Buttons, links and fields of the page's tables drawn past the right edge of their table's
     * box, where a person must scroll the box sideways to reach them: each as "what right > edge".
     */
    List<String> cutOff() {
        @SuppressWarnings("unchecked")
        List<String> cut = (List<String>) driver.executeScript("""
                const cut = [];
                for (const box of document.querySelectorAll('.table-box')) {
                  const edge = box.getBoundingClientRect().right;
                  for (const e of box.querySelectorAll('button, a, input, select')) {
                    const r = e.getBoundingClientRect();
                    if (r.width > 0 && r.right > edge + 1) cut.push((e.textContent.trim() || e.tagName) + ' ' + Math.round(r.right) + ' > ' + Math.round(edge));
                  }
                }
                return cut;
                """);
        return cut;
    }

    /**
     * How wide the page is (its scroll width) with the element's text replaced by {@code text}: for a value
     * longer than the test's data makes (a log of 10,000 entries), drawn by the page's own stylesheet.
     */
    long widthWithText(String css, String text) {
        return ((Number) driver.executeScript("arguments[0].textContent = arguments[1];"
                + " return document.documentElement.scrollWidth", find(css), text)).longValue();
    }

    /**
     * What another tab of this browser does meanwhile: loads the page at {@code path} and sends its form
     * {@code formCss} over this browser's session, while this tab keeps the page it has drawn. The answer as
     * "status path" after its redirects.
     */
    String sendInAnotherTab(String path, String formCss) {
        return (String) driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {headers: {'Accept': 'text/html'}}).then(r => r.text()).then(html => {
                  const form = new DOMParser().parseFromString(html, 'text/html').querySelector(arguments[1]);
                  return fetch(form.getAttribute('action'), {method: 'POST', body: new URLSearchParams(new FormData(form)),
                      headers: {'Accept': 'text/html'}});
                }).then(r => done(r.status + ' ' + new URL(r.url).pathname), e => done(String(e)));
                """, path, formCss);
    }

    /**
     * Sends the form once per entry of {@code onceTokens} at the same moment, over this browser's
     * session, as a double click on a slow link or two tabs do: an entry null sends the form's own
     * one-time token, any other replaces it. Each answer as "status path" after its redirects.
     */
    List<String> sendAtOnce(String formCss, List<String> onceTokens) {
        @SuppressWarnings("unchecked")
        List<String> answers = (List<String>) driver.executeAsyncScript("""
                const form = document.querySelector(arguments[0]);
                const done = arguments[arguments.length - 1];
                const send = once => {
                  const body = new URLSearchParams(new FormData(form));
                  if (once !== null) body.set('_once', once);
                  return fetch(form.action, {method: 'POST', body, headers: {'Accept': 'text/html'}})
                      .then(r => r.status + ' ' + new URL(r.url).pathname);
                };
                Promise.all(arguments[1].map(send)).then(done, e => done([String(e)]));
                """, formCss, onceTokens);
        return answers;
    }

    /**
     * Words of the page's tables that are drawn across two lines or more, as "word" in "cell", when
     * a column squeezed narrower than its longest word broke them ("Stat us", "A p pr o v e"): every
     * word of up to 20 characters (a header, a badge, a button, a time zone, an address) must stay
     * whole. Longer runs without a space (ids, hashes, web addresses) may wrap anywhere, as they
     * could be wider than a phone. Text a person does not see (visually hidden labels, a phone's
     * hidden header row, a closed {@code <details>}) is not counted.
     */
    List<String> brokenWords() {
        @SuppressWarnings("unchecked")
        List<String> broken = (List<String>) driver.executeScript("""
                const broken = [];
                // Clipped away or in a box of one pixel (a visually hidden label, a phone's header row), so not seen.
                const clipped = element => {
                  for (let e = element; e && e !== document.body; e = e.parentElement) {
                    const box = e.getBoundingClientRect();
                    if (box.width < 2 || box.height < 2 || getComputedStyle(e).clip !== 'auto') return true;
                  }
                  return false;
                };
                for (const cell of document.querySelectorAll('main td, main th, main .secret p')) {
                  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
                  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
                    if (!text.parentElement.checkVisibility() || clipped(text.parentElement)) continue;
                    for (const word of text.data.matchAll(/\\S+/g)) {
                      if (word[0].length > 20) continue;
                      const range = document.createRange();
                      range.setStart(text, word.index);
                      range.setEnd(text, word.index + word[0].length);
                      const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
                      if (lines.size > 1) broken.push('"' + word[0] + '" in "' + cell.innerText.replace(/\\s+/g, ' ').trim().slice(0, 60) + '"');
                    }
                  }
                }
                return broken;""");
        return broken;
    }

    /**
     * What axe-core finds on this page for these rules, whatever their impact: the check every page
     * gets stops at serious and critical, and a test names the moderate and minor rules it holds a
     * page to ("empty-table-header", "skip-link", "region").
     */
    List<String> axe(String... rules) {
        Results results = new AxeBuilder().withOnlyRules(List.of(rules)).analyze(driver);
        return results.getViolations().stream().map(rule -> rule.getImpact() + " " + rule.getId() + " at "
                + rule.getNodes().stream().map(node -> String.valueOf(node.getTarget())).limit(5).toList()).toList();
    }

    /**
     * The names a screen reader gives two buttons or more of the page's main part, each as "n x name":
     * identical buttons in a table ("Approve", "Approve") do not say which row they act on.
     */
    List<String> buttonsNamedAlike() {
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        try {
            return driver.findElements(By.cssSelector("main button")).stream().filter(WebElement::isDisplayed)
                    .collect(Collectors.groupingBy(WebElement::getAccessibleName, java.util.TreeMap::new, Collectors.counting()))
                    .entrySet().stream().filter(name -> name.getValue() > 1).map(name -> name.getValue() + " x " + name.getKey())
                    .toList();
        } finally {
            driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
        }
    }

    /** Lets this site's pages write and read the clipboard, as a person who allowed it has it. */
    Browser allowClipboard() {
        driver.executeCdpCommand("Browser.grantPermissions", Map.of("origin", base,
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        return this;
    }

    /** What is on the clipboard (after {@link #allowClipboard}). */
    String clipboard() {
        return String.valueOf(driver.executeAsyncScript("navigator.clipboard.readText().then(arguments[0], e => arguments[0]('refused: ' + e))"));
    }

    /**
     * Waits up to 5 s until the element's text is this, and answers the text it has then: its text
     * content, which a screen reader reads even where the element is visually hidden (a status region).
     */
    String waitForText(String css, String text) {
        try {
            new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> text.equals(find(css).getDomProperty("textContent")));
        } catch (org.openqa.selenium.TimeoutException e) {
            // The assertion that follows says what it was instead.
        }
        return find(css).getDomProperty("textContent");
    }

    /**
     * Loads the address as the page would load a picture, and answers its size ("32x32") or why it
     * did not load: what a tab shows for a page's icon.
     */
    String image(String href) {
        return String.valueOf(driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const image = new Image();
                image.onload = () => done(image.naturalWidth + 'x' + image.naturalHeight);
                image.onerror = () => done('not loaded: ' + arguments[0]);
                image.src = arguments[0];""", href));
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
            // The whole page, not only the first screen: a viewport as tall as the page, for the picture.
            long height = ((Number) driver.executeScript("return document.documentElement.scrollHeight")).longValue();
            viewport(Math.min(Math.max(height, 600), 4000));
            Path target = Path.of(folder).resolve(name + (width <= PHONE ? "-phone" : "-desktop") + ".png");
            Files.createDirectories(target.getParent());
            Files.write(target, driver.getScreenshotAs(OutputType.BYTES));
            viewport(900);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        System.out.printf("Browser checks (width and axe-core) so far: %d page states, %.1f s%n", CHECKED.size(),
                CHECK_NANOS.get() / 1e9);
        try {
            // What the tab kept for our site (a form sent after its session ended, kept-forms.js) is this person's:
            // the tab is handed on, and sessionStorage lives as long as the tab.
            if (driver.getCurrentUrl().startsWith(base)) {
                driver.executeScript("sessionStorage.clear()");
            }
            // Off every page of ours first, so that nothing of this person's runs or loads afterwards.
            driver.get("about:blank");
            driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
            driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
            driver.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", ""));
            driver.executeCdpCommand("Browser.resetPermissions", Map.of());
            IDLE.push(driver);
        } catch (WebDriverException e) {
            // A browser that cannot be emptied (an alert left open, a crash) is not handed on.
            driver.quit();
        }
    }
}
