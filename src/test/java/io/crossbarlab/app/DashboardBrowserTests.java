package io.crossbarlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard in a real headless browser: Debian's {@code chromium} driven through its
 * {@code chromedriver} (no driver download). Where either is missing the tests are skipped with a
 * message; {@code .ci/run} installs both. Screenshots of each page go to {@code
 * target/dashboard-screenshots}, and also to the folder named by {@code -Ddashboard.screenshots} (the
 * ones in docs/dashboard.md: {@code -Ddashboard.screenshots=docs/dashboard}).
 */
@H2ServiceTest
class DashboardBrowserTests {

    // The context (and its database) is shared with the other @H2ServiceTest suites: the seeds here
    // (91xx) are their own, so no job here is answered from another suite's finished run or the
    // other way round (memoised runs).

    static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
    static final Duration WAIT = Duration.ofSeconds(60);

    static ChromeDriver browser;
    static Path profile;

    @LocalServerPort
    int port;

    Api api;

    @BeforeAll
    public static void startBrowser() throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present) {
            System.err.println("DashboardBrowserTests skipped: " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing (Debian packages chromium and chromium-driver; .ci/run installs them)");
        }
        Assumptions.assumeTrue(
                present,
                "Debian's chromium and chromium-driver are not installed (" + CHROMIUM + ", " + CHROMEDRIVER
                        + "): the dashboard browser tests are skipped; .ci/run installs them");
        profile = Files.createTempDirectory("crossbar-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--force-device-scale-factor=1",
                "--user-data-dir=" + profile,
                "--window-size=1280,800");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    public static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .map(Path::toFile)
                        .forEach(File::delete);
            }
        }
    }

    @BeforeEach
    void setUp() {
        api = new Api(port);
        browser.manage().window().setSize(new Dimension(1280, 800));
    }

    // ------------------------------------------------------------------ the tests

    @Test
    void aJobSubmittedFromTheFormRunsToSucceededAndItsCurvesAreDrawn() {
        open("#/submit");
        new Select(browser.findElement(By.id("f-preset"))).selectByValue("ambrogio-2018");
        type("f-layers", "784,12,10");
        type("f-epochs", "3");
        type("f-train-limit", "400");
        type("f-test-limit", "200");
        type("f-seed", "9107");
        type("f-name", "from the form");
        screenshot("submit");
        browser.findElement(By.id("f-submit")).click();

        wait(d -> currentHash().startsWith("#/jobs/") && currentHash().length() > 10);
        String id = currentHash().substring("#/jobs/".length());
        wait(d -> !d.findElements(By.cssSelector("h1 .state-SUCCEEDED")).isEmpty());
        JsonNode job = api.get("/api/v1/jobs/" + id).json();
        assertThat(job.get("name").asString()).isEqualTo("from the form");
        assertThat(job.get("spec").get("network").get("layers").toString()).isEqualTo("[784,12,10]");
        assertThat(job.get("seed").asLong()).isEqualTo(9107);
        assertThat(job.get("baseline").get("jobId").isNull()).isFalse();

        // the curve is drawn: pixels of the test-accuracy colour (#D55E00) on the chart's canvas, one
        // point per epoch for the job and for its floating-point baseline
        wait(d -> seriesPixels("chart-accuracy", 213, 94, 0) > 50);
        wait(d -> "12".equals(d.findElement(By.id("chart-accuracy")).getDomAttribute("data-points")));
        assertThat(browser.findElement(By.id("results")).getText())
                .contains(String.format(
                        java.util.Locale.ROOT,
                        "%.2f %%",
                        100 * job.get("result").get("testAccuracy").asDouble()));
        assertThat(browser.findElements(By.cssSelector("a[href$='/weights.npz']")))
                .hasSize(1);
        screenshot("job");
    }

    @Test
    void theJobListFollowsNewJobsToTheEndWithoutReloading() {
        open("#/jobs");
        js("window.__notReloaded = true;");
        wait(d -> "live".equals(d.findElement(By.id("live")).getText()));
        String id = api.post("/api/v1/jobs", Api.tinyJob("\"name\":\"watched\",\"seed\":9111"))
                .json()
                .get("id")
                .asString();
        wait(d -> !d.findElements(By.cssSelector("tr[data-job='" + id + "'][data-state='SUCCEEDED']"))
                .isEmpty());
        assertThat(js("return window.__notReloaded === true;")).isEqualTo(true);
        WebElement row = browser.findElement(By.cssSelector("tr[data-job='" + id + "']"));
        JsonNode job = api.get("/api/v1/jobs/" + id).json();
        assertThat(row.getText())
                .contains("watched", "SUCCEEDED", "PCM_3T1C", "784-8-10")
                .contains(String.format(
                        java.util.Locale.ROOT,
                        "%.2f %%",
                        100 * job.get("result").get("testAccuracy").asDouble()));
        screenshot("jobs");
    }

    @Test
    void twoJobsSelectedInTheListAreComparedWithTheirSpecDifferencesMarked() {
        String a = api.post("/api/v1/jobs", Api.tinyJob("\"name\":\"lr 0.1\",\"seed\":9121"))
                .json()
                .get("id")
                .asString();
        String b = api.post(
                        "/api/v1/jobs",
                        "{\"name\":\"lr 0.05\",\"seed\":9121,\"network\":{\"layers\":[784,8,10]},"
                                + "\"dataset\":{\"trainLimit\":200,\"testLimit\":100},"
                                + "\"training\":{\"epochs\":2,\"learningRate\":0.05}}")
                .json()
                .get("id")
                .asString();
        api.awaitState(a, "SUCCEEDED", WAIT);
        api.awaitState(b, "SUCCEEDED", WAIT);
        open("#/jobs");
        for (String id : List.of(a, b)) {
            wait(d -> !d.findElements(By.cssSelector("tr[data-job='" + id + "'] input[type=checkbox]"))
                    .isEmpty());
            browser.findElement(By.cssSelector("tr[data-job='" + id + "'] input[type=checkbox]"))
                    .click();
        }
        browser.findElement(By.id("compare-selected")).click();
        wait(d -> currentHash().startsWith("#/compare") && ready());
        wait(d -> seriesPixels("chart-compare-accuracy", 0, 114, 178) > 30
                && seriesPixels("chart-compare-accuracy", 213, 94, 0) > 30);
        List<WebElement> differs = browser.findElements(By.cssSelector("tr.differs"));
        assertThat(differs)
                .extracting(WebElement::getText)
                .anySatisfy(t -> assertThat(t).contains("training.learningRate", "0.1", "0.05"));
        assertThat(differs)
                .extracting(WebElement::getText)
                .noneSatisfy(t -> assertThat(t).contains("network.layers"));
        screenshot("compare");
    }

    @Test
    void aRejectedSubmissionShowsEachErrorBesideItsField() {
        open("#/submit");
        type("f-lr", "50");
        browser.findElement(By.cssSelector("#main details summary")).click(); // device parameters
        type("p-device-gainFactor", "99");
        browser.findElement(By.id("f-submit")).click();

        wait(d -> !d.findElements(By.cssSelector(".error[data-for='training.learningRate']"))
                .isEmpty());
        WebElement lr = browser.findElement(By.id("f-lr"));
        assertThat(lr.getDomAttribute("aria-invalid")).isEqualTo("true");
        WebElement lrError = browser.findElement(By.id("f-lr-error"));
        assertThat(lrError.getText()).contains("between 0.000001 and 10", "was 50");
        assertThat(lr.getDomAttribute("aria-describedby")).contains("f-lr-error");
        // the error sits in the same field as its input, after it
        assertThat(js("return document.getElementById('f-lr').nextElementSibling.id;"))
                .isEqualTo("f-lr-error");
        WebElement gain = browser.findElement(By.id("p-device-gainFactor-error"));
        assertThat(gain.getText()).contains("gainFactor must be between 1 and 20");
        assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText())
                .contains("2 field(s) are invalid");
        assertThat(currentHash()).isEqualTo("#/submit");
        screenshot("submit-errors");
    }

    @Test
    void aSweepShowsItsPointsWithIntervalsErrorBarsBandsAndTheParetoFront() {
        String body = "{\"name\":\"learning rate\",\"base\":{\"network\":{\"layers\":[784,8,10]},"
                + "\"dataset\":{\"trainLimit\":200,\"testLimit\":100},\"training\":{\"epochs\":3}},"
                + "\"grid\":{\"training.learningRate\":[0.05,0.1,0.2]},\"seeds\":[9141,9142]}";
        String id = api.post("/api/v1/sweeps", body).json().get("id").asString();
        long end = System.nanoTime() + WAIT.toNanos();
        while (!api.get("/api/v1/sweeps/" + id).json().get("state").asString().equals("SUCCEEDED")
                && System.nanoTime() < end) {
            sleep(100);
        }
        JsonNode sweep = api.get("/api/v1/sweeps/" + id).json();
        assertThat(sweep.get("state").asString()).isEqualTo("SUCCEEDED");
        open("#/sweeps/" + id);
        wait(d -> !d.findElements(By.cssSelector("#chart-sweep-param svg")).isEmpty());
        List<WebElement> rows = browser.findElements(By.cssSelector("#sweep-points tbody tr"));
        assertThat(rows).hasSize(3);
        // the first point's test accuracy as mean +- half the 95 % interval, as the API computed it
        JsonNode acc = sweep.get("points").get(0).get("testAccuracy");
        Object mean = js(
                "return Number(arguments[0].toPrecision(4)).toLocaleString('en-US', {maximumFractionDigits: 6});",
                100 * acc.get("mean").asDouble());
        assertThat(rows.get(0).getText()).startsWith("0.05").contains(mean + " ± ");
        assertThat(browser.findElements(By.cssSelector("#chart-sweep-param path.errorbar")))
                .hasSize(3);
        int front = 0;
        for (JsonNode p : sweep.get("points")) {
            front += p.get("pareto").asBoolean() ? 1 : 0;
        }
        assertThat(browser.findElements(By.cssSelector("#chart-sweep-pareto .points rect")))
                .hasSize(front);
        assertThat(browser.findElements(By.cssSelector("#chart-sweep-pareto .points circle")))
                .hasSize(3 - front);
        wait(d -> seriesPixels("chart-sweep-curves", 0, 114, 178) > 30);
        assertThat(browser.findElement(By.id("chart-sweep-curves")).getDomAttribute("data-points"))
                .isEqualTo("9");
        screenshot("sweep");
    }

    @Test
    void everyPageWorksByKeyboardHasLabelledControlsAndFitsWideAndNarrowWindows() {
        String id = api.post("/api/v1/jobs", Api.tinyJob("\"seed\":9131,\"floatingPointBaseline\":true"))
                .json()
                .get("id")
                .asString();
        api.awaitState(id, "SUCCEEDED", WAIT);
        String other = api.post("/api/v1/jobs", Api.tinyJob("\"seed\":9132"))
                .json()
                .get("id")
                .asString();
        api.awaitState(other, "SUCCEEDED", WAIT);
        List<String> pages =
                List.of("#/jobs", "#/jobs/" + id, "#/compare?ids=" + id + "," + other, "#/sweeps", "#/submit");
        for (Dimension size : List.of(new Dimension(1280, 800), new Dimension(390, 844))) {
            browser.manage().window().setSize(size);
            for (String page : pages) {
                open(page);
                sleep(300); // charts drawn in the next animation frame
                Object overflow = js("return document.documentElement.scrollWidth - window.innerWidth;");
                assertThat(((Number) overflow).longValue())
                        .as("horizontal overflow of %s at %s", page, size)
                        .isLessThanOrEqualTo(0);
                Object unlabelled = js("return [...document.querySelectorAll('input, select, button, textarea')]"
                        + ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')"
                        + " && !e.textContent.trim()).map(e => e.outerHTML.slice(0, 80));");
                assertThat((List<?>) unlabelled)
                        .as("controls without a label on %s", page)
                        .isEmpty();
            }
        }
        browser.manage().window().setSize(new Dimension(390, 844));
        open("#/jobs/" + id);
        screenshot("job-narrow");
        browser.manage().window().setSize(new Dimension(1280, 800));

        // the first Tab reaches the skip link, and Enter on it moves focus to the content
        open("#/submit");
        browser.navigate().refresh(); // a fresh load: nothing focused yet
        wait(d -> ready());
        new Actions(browser).sendKeys(Keys.TAB).perform();
        assertThat(js("return document.activeElement.id;")).isEqualTo("skip-link");
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        assertThat(js("return document.activeElement.id;")).isEqualTo("main");
        // Tab alone reaches the submit button through every field of the form
        String reached = "";
        for (int i = 0; i < 40 && !reached.equals("f-submit"); i++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
            reached = String.valueOf(js("return document.activeElement.id;"));
        }
        assertThat(reached).isEqualTo("f-submit");
        // and the focused control is visibly outlined (focus-visible style)
        assertThat(js("return getComputedStyle(document.activeElement).outlineStyle;"))
                .isEqualTo("solid");
    }

    // ------------------------------------------------------------------ helpers

    void open(String hash) {
        browser.get("http://127.0.0.1:" + port + "/" + hash);
        wait(d -> ready());
    }

    boolean ready() {
        Object r = js("return document.body.dataset.ready || null;");
        String expected = currentHash().replaceFirst("^#", "");
        return r != null && r.equals(expected.isEmpty() ? "/jobs" : expected);
    }

    String currentHash() {
        Object h = js("return location.hash;");
        return h == null ? "" : h.toString();
    }

    void type(String id, String text) {
        WebElement e = browser.findElement(By.id(id));
        e.clear();
        e.sendKeys(text);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    /** Pixels of about this colour on the chart's canvas (series lines and points; uPlot's axes are grey). */
    long seriesPixels(String chartId, int r, int g, int b) {
        Object n = js(
                "const c = document.querySelector('#' + arguments[0] + ' canvas'); if (!c) return 0;"
                        + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
                        + "for (let i = 0; i < d.length; i += 4) {"
                        + "  if (d[i + 3] > 200 && Math.abs(d[i] - arguments[1]) < 24 && Math.abs(d[i + 1] - arguments[2]) < 24"
                        + "      && Math.abs(d[i + 2] - arguments[3]) < 24) n++; }"
                        + "return n;",
                chartId,
                r,
                g,
                b);
        return ((Number) n).longValue();
    }

    void wait(java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> condition) {
        new WebDriverWait(browser, WAIT).pollingEvery(Duration.ofMillis(100)).until(condition);
    }

    void screenshot(String name) {
        sleep(300); // let the last chart frame paint
        // the whole page, not only the window: the viewport is stretched to the page's height
        long width = ((Number) js("return window.innerWidth;")).longValue();
        long height = ((Number) js("return Math.min(document.documentElement.scrollHeight, 6000);")).longValue();
        browser.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
        sleep(200);
        File shot = browser.getScreenshotAs(OutputType.FILE);
        browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        try {
            for (String dir :
                    List.of("target/dashboard-screenshots", System.getProperty("dashboard.screenshots", ""))) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path to = Path.of(dir, name + ".png");
                Files.createDirectories(to.getParent());
                Files.copy(shot.toPath(), to, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
