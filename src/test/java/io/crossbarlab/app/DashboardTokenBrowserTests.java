package io.crossbarlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The dashboard of a service in the tokens mode, in the same headless browser as {@link
 * DashboardBrowserTests}: without a token it asks for one; with alice's it lists alice's jobs only,
 * follows a new one live (event streams read with the token) and draws its curves.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:dashtokens;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
            "crossbar.scheduler.node-id=dash-token-node",
            "crossbar.scheduler.poll-interval=100ms",
            "crossbar.security.mode=tokens",
            "crossbar.security.bootstrap-admin-token=" + DashboardTokenBrowserTests.ADMIN
        })
class DashboardTokenBrowserTests {

    static final String ADMIN = "cbl_bootstrap-admin-token-for-the-dashboard-tests-1";

    @LocalServerPort
    int port;

    @BeforeAll
    static void startBrowser() throws IOException {
        DashboardBrowserTests.startBrowser();
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        DashboardBrowserTests.stopBrowser();
    }

    Api.Response post(Api api, String path, String body, String token) {
        return api.send(HttpRequest.newBuilder(URI.create(api.base() + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    String state(Api api, String id) {
        return api.send(HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/jobs/" + id))
                        .header("Authorization", "Bearer " + ADMIN)
                        .GET())
                .json()
                .get("state")
                .asString();
    }

    @Test
    void withAnOwnersTokenTheDashboardShowsOnlyItsJobsLiveAndDrawsThem() throws Exception {
        Api api = new Api(port);
        String alice = post(api, "/api/v1/admin/tokens", "{\"owner\":\"alice\"}", ADMIN)
                .json()
                .get("token")
                .asString();
        String bob = post(api, "/api/v1/admin/tokens", "{\"owner\":\"bob\"}", ADMIN)
                .json()
                .get("token")
                .asString();
        String bobs = post(api, "/api/v1/jobs", Api.tinyJob("\"seed\":9201"), bob)
                .json()
                .get("id")
                .asString();
        String alices = post(api, "/api/v1/jobs", Api.tinyJob("\"seed\":9202"), alice)
                .json()
                .get("id")
                .asString();
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while ((!state(api, bobs).equals("SUCCEEDED") || !state(api, alices).equals("SUCCEEDED"))
                && System.nanoTime() < end) {
            Thread.sleep(50);
        }

        var browser = DashboardBrowserTests.browser;
        var js = (JavascriptExecutor) browser;
        var wait = new WebDriverWait(browser, Duration.ofSeconds(60)).pollingEvery(Duration.ofMillis(100));
        browser.get("http://127.0.0.1:" + port + "/#/jobs");
        js.executeScript("sessionStorage.clear();");
        browser.navigate().refresh();
        // the API answered 401: the token page
        wait.until(d -> !d.findElements(By.id("f-token")).isEmpty());
        browser.findElement(By.id("f-token")).sendKeys(alice);
        browser.findElement(By.cssSelector("#main form button[type=submit]")).click();
        wait.until(d ->
                !d.findElements(By.cssSelector("tr[data-job='" + alices + "']")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("tr[data-job='" + bobs + "']")))
                .isEmpty();
        wait.until(d -> "live".equals(d.findElement(By.id("live")).getText()));

        // a new job of alice's appears and runs to the end without a reload; bob's next one does not appear
        js.executeScript("window.__notReloaded = true;");
        String second = post(api, "/api/v1/jobs", Api.tinyJob("\"seed\":9203"), alice)
                .json()
                .get("id")
                .asString();
        String bobsSecond = post(api, "/api/v1/jobs", Api.tinyJob("\"seed\":9204"), bob)
                .json()
                .get("id")
                .asString();
        wait.until(d -> !d.findElements(By.cssSelector("tr[data-job='" + second + "'][data-state='SUCCEEDED']"))
                .isEmpty());
        end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!state(api, bobsSecond).equals("SUCCEEDED") && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        Thread.sleep(500);
        assertThat(browser.findElements(By.cssSelector("tr[data-job='" + bobsSecond + "']")))
                .isEmpty();
        assertThat(js.executeScript("return window.__notReloaded === true;")).isEqualTo(true);

        // the job's page reads its curves with the token
        browser.get("http://127.0.0.1:" + port + "/#/jobs/" + second);
        // two epochs, train and test accuracy
        wait.until(d -> "4".equals(d.findElement(By.id("chart-accuracy")).getDomAttribute("data-points")));
        assertThat(browser.findElement(By.cssSelector("h1 .state-SUCCEEDED")).getText())
                .isEqualTo("SUCCEEDED");
        js.executeScript("sessionStorage.clear();");
    }
}
