package org.biradsrepro.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Pattern;
import org.biradsrepro.config.Settings;
import org.biradsrepro.experiment.Experiment;
import org.biradsrepro.results.Cell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Pdf;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.print.PrintOptions;

/**
 * Opens the report of this run's reproduction matrix in headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}) and checks what only a browser can: no console error, no request but the file itself,
 * every chart drawn with a non-zero box, the page as wide as a laptop screen, printing to several pages. Saves a full-page screenshot next to
 * the report ({@code index.png}).
 *
 * <p>Without Chromium the test is skipped with a message saying how to install it, unless the {@code CI}
 * environment variable or {@code -Drepro.requireBrowser=true} is set: then it fails ({@link BrowserRequirement}).
 */
@ExtendWith(MatrixSession.class)
class ReportBrowserIT {

    private static final Path CHROMIUM = BrowserRequirement.CHROMIUM;
    private static final Path CHROMEDRIVER = BrowserRequirement.CHROMEDRIVER;
    /** A laptop screen. */
    private static final int WIDTH = 1366;
    private static final int HEIGHT = 768;

    private static ChromeDriver driver;
    private static Path page;
    private static List<LogEntry> console;
    private static List<String> requests;

    @BeforeAll
    static void openTheReport(Experiment session) {
        BrowserRequirement.check(CHROMIUM, CHROMEDRIVER, System.getenv("CI"), System.getProperty(Settings.REQUIRE_BROWSER))
                .ifPresent(Assumptions::abort);
        page = MatrixSession.writeReport(session);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=" + WIDTH + "," + HEIGHT,
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        driver = new ChromeDriver(service, options);
        load(page);
        console = driver.manage().logs().get(LogType.BROWSER).getAll();
        requests = requestedUrls();
    }

    @AfterAll
    static void closeTheBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    /** Opens a file, leaving its log entries to be read. */
    private static void load(Path file) {
        driver.get(file.toUri().toString());
    }

    @Test
    void consoleHasNoError() {
        assertThat(console).filteredOn(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                .as("console messages of warning level or above").isEmpty();
    }

    @Test
    void theOnlyRequestIsTheFileItself() {
        assertThat(requests).as("requests the page made").containsExactly(page.toUri().toString());
    }

    @Test
    void everyChartRenderedSomethingWithANonZeroBox() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> charts = (List<Map<String, Object>>) ((JavascriptExecutor) driver).executeScript("""
                return Array.from(document.querySelectorAll('svg, canvas')).map(function (el) {
                  var bar = el.classList.contains('interval-bar');
                  var decomposition = el.closest('#decomposition') !== null;
                  var box = el.getBoundingClientRect();
                  var drawn = 0;
                  el.querySelectorAll('polyline, path, line, circle').forEach(function (shape) {
                    var b = shape.getBBox();
                    if (b.width > 0 || b.height > 0) { drawn++; }
                  });
                  if (el.tagName.toLowerCase() === 'canvas') { drawn = el.width * el.height > 0 ? 1 : 0; }
                  var title = el.querySelector('title');
                  return {title: title ? title.textContent : el.tagName, width: box.width, height: box.height, drawn: drawn, bar: bar, decomposition: decomposition};
                });""");

        // Figure 1 (one per backbone), a loss curve per run, ROC and PR per backbone and variant.
        // Of this run's shard: the backbones with at least one cell in it.
        List<Cell> cells = MatrixSession.cells();
        int backbones = (int) cells.stream().map(Cell::backbone).distinct().count();
        int runs = cells.size();
        // Beside them, one interval bar per claim with an interval (per backbone and pooled; none where not exercised).
        List<Map<String, Object>> bars = charts.stream().filter(c -> Boolean.TRUE.equals(c.get("bar"))).toList();
        // And with two or more runs a split, the decomposition's: a per-split plot per backbone and one A/A histogram.
        long decomposition = charts.stream().filter(c -> Boolean.TRUE.equals(c.get("decomposition"))).count();
        assertThat(decomposition).isIn(0L, backbones + 1L);
        assertThat(charts).hasSize(backbones + runs + 4 * backbones + bars.size() + (int) decomposition);
        long withInterval = driver.findElements(By.cssSelector("table.verdicts td.verdict")).stream()
                .filter(td -> td.getText().contains("90% interval")).count();
        assertThat(bars).hasSize((int) withInterval);
        assertThat(charts).allSatisfy(c -> {
            assertThat(((Number) c.get("width")).doubleValue()).as("%s width", c.get("title")).isPositive();
            assertThat(((Number) c.get("height")).doubleValue()).as("%s height", c.get("title")).isPositive();
            assertThat(((Number) c.get("drawn")).intValue()).as("%s shapes with a non-zero box", c.get("title")).isPositive();
        });
    }

    @Test
    void pageFitsALaptopScreenWidthAndHasEverySection() {
        JavascriptExecutor js = driver;
        long scrollWidth = ((Number) js.executeScript("return document.documentElement.scrollWidth;")).longValue();
        long innerWidth = ((Number) js.executeScript("return window.innerWidth;")).longValue();

        assertThat(scrollWidth).as("no horizontal scrolling of the page itself").isLessThanOrEqualTo(innerWidth);
        assertThat(driver.findElements(By.cssSelector("nav a"))).hasSizeGreaterThanOrEqualTo(12);
        assertThat(driver.findElement(By.id("verdicts")).getText()).contains("Rule.");
    }

    @Test
    void savesAFullPageScreenshotNextToTheReport() throws IOException {
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", size.get("width"),
                        "height", size.get("height"), "scale", 1)));
        byte[] png = Base64.getDecoder().decode((String) shot.get("data"));
        Path screenshot = page.resolveSibling("index.png");
        Files.write(screenshot, png);

        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(((Number) size.get("height")).doubleValue()).isGreaterThan(HEIGHT);
        System.out.println("Screenshot: " + screenshot.toAbsolutePath());
    }

    @Test
    void printsOnSeveralPages() {
        Pdf pdf = driver.print(new PrintOptions());
        byte[] bytes = Base64.getDecoder().decode(pdf.getContent());
        String text = new String(bytes, StandardCharsets.ISO_8859_1);

        assertThat(text).startsWith("%PDF-");
        assertThat(Pattern.compile("/Type\\s*/Page[^s]").matcher(text).results().count()).as("pages").isGreaterThan(1);
    }

    /** The request check can fail: a page that loads an image from elsewhere is caught (control, not the report). */
    @Test
    void theRequestCheckSeesAnExternalRequest() throws IOException {
        Path control = Files.createTempFile("report-browser-control", ".html");
        try {
            Files.writeString(control, "<!DOCTYPE html><title>control</title><img src=\"http://127.0.0.1:9/x.png\" alt=\"\">",
                    StandardCharsets.UTF_8);
            load(control);
            assertThat(requestedUrls()).contains("http://127.0.0.1:9/x.png");
        } finally {
            Files.deleteIfExists(control);
            // The other tests look at the report: put it back and drop the control's log entries.
            load(page);
            driver.manage().logs().get(LogType.BROWSER);
            requestedUrls();
        }
    }

    /** URLs of every Network.requestWillBeSent in the performance log since it was last read. */
    private static List<String> requestedUrls() {
        List<String> urls = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE)) {
            JsonObject message = JsonParser.parseString(e.getMessage()).getAsJsonObject().getAsJsonObject("message");
            if (message.get("method").getAsString().equals("Network.requestWillBeSent")) {
                urls.add(message.getAsJsonObject("params").getAsJsonObject("request").get("url").getAsString());
            }
        }
        return urls;
    }
}
