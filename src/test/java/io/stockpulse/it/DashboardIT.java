package io.stockpulse.it;

import io.stockpulse.app.StockPulseApp;
import io.stockpulse.app.StockPulseConfig;
import io.stockpulse.avro.StockChangeKind;
import io.stockpulse.topics.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard in a real headless Chromium: the live feed shows an alert raised after the page
 * loaded, clicking it draws the SKU's chart, and the daily report panel shows the figures of the
 * test's own events; the exception table values the stockout as the API does. Writes
 * target/dashboard.png. Fails (does not skip) in CI when Chromium or its driver is missing; .ci/run
 * installs both. {@link DashboardDemoIT} takes deploy/dashboard.png from the demo's real data.
 */
class DashboardIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @RegisterExtension
    static final StockPulseFixture KAFKA = new StockPulseFixture();

    @TempDir
    Path temp;

    @Test
    void liveAlertArrivesAndOpensTheSkuChart() throws Exception {
        DashboardPages.requireChromium();
        StockPulseConfig config = KAFKA.settings("dashboard-it").stateDir(temp.resolve("state")).config();
        Topics topics = StockPulseFixture.topics(config, 2);
        try (StockPulseApp app = StockPulseFixture.running(config, PATIENCE);
             EventPublisher events = KAFKA.publisher(topics, "dash-")) {
            Instant start = Instant.parse("2011-03-01T08:00:00Z");
            events.stockChange("DASH-1", StockChangeKind.COUNT, 400, start);
            events.flush();
            await().atMost(PATIENCE).until(() -> app.counters().total("events") == 1);
            // five weeks of sales: day closes give the SKU a forecast and a reorder point
            for (int day = 0; day < 35; day++) {
                events.sale("DASH-1", 8 + (day * 7) % 6, start.plus(Duration.ofDays(day)).plusSeconds(3600));
            }
            events.flush();
            await().atMost(PATIENCE).until(() -> app.counters().total("events") == 36);

            WebDriver browser = DashboardPages.chromium();
            try {
                browser.get("http://localhost:" + app.http().port() + "/");
                await().atMost(PATIENCE).ignoreException(StaleElementReferenceException.class).until(() -> "connected".equals(
                        browser.findElement(By.id("feed-status")).getDomAttribute("data-state")));
                // sold out (400 counted − 365 sold − 35) after the page connected; the next day's sale
                // closes that day, which raises the stockout: the alert must come through the live feed
                events.sale("DASH-1", 35, start.plus(Duration.ofDays(35)).plusSeconds(3600));
                events.sale("DASH-1", 6, start.plus(Duration.ofDays(36)).plusSeconds(3600));
                events.flush();
                await().atMost(PATIENCE).ignoreException(StaleElementReferenceException.class).until(() ->
                        !browser.findElements(By.cssSelector("#feed li[data-sku='DASH-1']")).isEmpty());
                // The page redraws its lists as data arrives: an element found a moment ago can be replaced.
                await().atMost(PATIENCE).ignoreException(StaleElementReferenceException.class).untilAsserted(() -> {
                    WebElement line = browser.findElement(By.cssSelector("#feed li[data-sku='DASH-1']"));
                    // one SKU: no Pareto split yet, so B; sales every day, CV 0.16: X
                    assertThat(line.getText()).contains("DASH-1@" + EventPublisher.LOCATION + " [BX]");
                    line.click();
                });
                await().atMost(PATIENCE).ignoreException(StaleElementReferenceException.class).until(() ->
                        "DASH-1".equals(browser.findElement(By.id("chart-title")).getDomAttribute("data-sku")));
                Object datasets = ((JavascriptExecutor) browser).executeScript(
                        "return Chart.getChart('chart').data.datasets.map(d => d.label)");
                assertThat(datasets.toString()).contains("units sold", "forecast p50", "on hand", "reorder point");
                assertThat(browser.findElement(By.id("figures")).getText()).startsWith("on hand -6,") // 6 backordered on day 36
                        .contains("class BX (service level 0.98)");
                assertThat(browser.findElement(By.id("chart-title")).getText()).endsWith("class BX");
                exceptionTableValuesTheStockout(browser, app.http().port());
                reportPanelShowsTheFiguresOfTheseEvents(browser, events, start);
                assertThat(DashboardPages.screenshot(browser, Path.of("target", "dashboard.png"))).isGreaterThan(10_000);
            } finally {
                DashboardPages.quit(browser);
            }
        }
    }

    /**
     * The exception table lists DASH-1's stockout valued as the API values it: units at stake (the
     * lead-time demand, nothing being on hand) × the configured default unit cost, marked as default.
     */
    private static void exceptionTableValuesTheStockout(WebDriver browser, int port) {
        await().atMost(PATIENCE).ignoreException(StaleElementReferenceException.class).untilAsserted(() -> {
            Map<String, Object> row = DashboardPages.exceptions(port).stream()
                    .filter(r -> r.get("sku").equals("DASH-1") && r.get("kind").equals("stockout")).findFirst()
                    .orElseThrow();
            double units = ((Number) row.get("unitsAtStake")).doubleValue();
            double cost = ((Number) row.get("unitCost")).doubleValue();
            assertThat(units).isPositive();
            assertThat(((Number) row.get("value")).doubleValue()).isCloseTo(units * cost, within(1e-9));
            assertThat(row).containsEntry("unitCostSource", "default").containsEntry("severity", "OUT_OF_STOCK");
            WebElement line = browser.findElement(By.cssSelector("#exceptions tr[data-sku='DASH-1'][data-kind='stockout']"));
            assertThat(cells(line)).containsSubsequence(String.format(java.util.Locale.US, "%,.2f *", units * cost),
                    "stockout · out of stock", "DASH-1", EventPublisher.LOCATION, "BX");
        });
    }

    /**
     * Days 36 (sent above) and 37 each ask for units of the sold-out SKU (none filled); the day-37 sale
     * closes day 36.
     * Its report: 7 days (30–36) demanded 50 + 35 + 6 = 91 units, filled 85 (the 6 of day 36 were not
     * on hand): 93.4 %; 28 days (9–36) 316 demanded, 310 filled: 98.1 %; out of stock at the end of
     * days 35 and 36: 2 SKU-days; DASH-1 out of stock with demand expected is the largest risk.
     */
    private static void reportPanelShowsTheFiguresOfTheseEvents(WebDriver browser, EventPublisher events, Instant start) {
        events.sale("DASH-1", 1, start.plus(Duration.ofDays(37)).plusSeconds(3600));
        events.flush();
        await().atMost(PATIENCE).ignoreException(StaleElementReferenceException.class).until(() ->
                "2011-04-06".equals(browser.findElement(By.id("report-status")).getDomAttribute("data-day")));
        await().atMost(PATIENCE).ignoreException(StaleElementReferenceException.class).untilAsserted(() -> {
            assertThat(browser.findElement(By.id("report-status")).getText())
                    .isEqualTo("2011-04-06 · all locations · 1 partition group reported · still filling up");
            assertThat(figure(browser, "fill-rate-7")).isEqualTo("93.4 %");
            assertThat(detail(browser, "fill-rate-7")).isEqualTo("85 of 91 units from stock");
            assertThat(figure(browser, "fill-rate-28")).isEqualTo("98.1 %");
            assertThat(figure(browser, "stockout-days-7")).isEqualTo("2");
            assertThat(figure(browser, "stock-value")).isEqualTo("0.00");
            assertThat(figure(browser, "open-triggers")).isEqualTo("1");
            assertThat(detail(browser, "open-triggers")).isEqualTo("1 out of stock now");
            assertThat(figure(browser, "turns-28")).matches("\\d+\\.\\d\\d");
            assertThat(browser.findElement(By.id("report-summary")).getText())
                    .startsWith("On 2011-04-06, all locations held 1 SKU").contains("worth 0.00");
            List<WebElement> risks = browser.findElements(By.cssSelector("#report-risks tr"));
            assertThat(risks).hasSize(1);
            assertThat(risks.get(0).getDomAttribute("data-sku")).isEqualTo("DASH-1");
            assertThat(cells(risks.get(0)).subList(0, 3)).containsExactly("DASH-1", EventPublisher.LOCATION, "stockout");
            assertThat(cells(risks.get(0)).get(4)).startsWith("out of stock;");
            // one SKU, classified B, scored against its forecasts every day
            List<WebElement> errors = browser.findElements(By.cssSelector("#report-errors tr[data-class]"));
            assertThat(errors).extracting(row -> row.getDomAttribute("data-class")).containsExactly("B");
            assertThat(cells(errors.get(0)).get(1)).matches("[1-9]\\d*");
            assertThat(cells(errors.get(0)).get(3)).matches("\\d+\\.\\d %");
        });
        // A location with no report: the panel says so instead of showing an error or another report.
        showReportOf(browser, "NOWHERE");
        await().atMost(PATIENCE).ignoreException(StaleElementReferenceException.class).untilAsserted(() -> {
            WebElement status = browser.findElement(By.id("report-status"));
            assertThat(status.getText()).isEqualTo("no report yet for NOWHERE");
            assertThat(status.getDomAttribute("data-state")).isEqualTo("none");
            assertThat(browser.findElements(By.cssSelector("#report-figures .figure"))).isEmpty();
        });
        showReportOf(browser, EventPublisher.LOCATION);
        await().atMost(PATIENCE).ignoreException(StaleElementReferenceException.class).untilAsserted(() -> {
            assertThat(browser.findElement(By.id("report-status")).getText()).startsWith("2011-04-06 · WH1 ·");
            assertThat(figure(browser, "fill-rate-7")).isEqualTo("93.4 %");
            assertThat(browser.findElement(By.cssSelector("#report-risks tr")).getDomAttribute("data-sku")).isEqualTo("DASH-1");
        });
        showReportOf(browser, "");
        await().atMost(PATIENCE).ignoreException(StaleElementReferenceException.class).untilAsserted(() ->
                assertThat(browser.findElement(By.id("report-status")).getText()).startsWith("2011-04-06 · all locations ·"));
    }

    private static void showReportOf(WebDriver browser, String location) {
        WebElement input = browser.findElement(By.id("report-location"));
        input.clear();
        input.sendKeys(location);
        browser.findElement(By.cssSelector("#report-form button")).click();
    }

    private static String figure(WebDriver browser, String key) {
        return browser.findElement(By.cssSelector("[data-figure='" + key + "'] .value")).getText();
    }

    private static String detail(WebDriver browser, String key) {
        return browser.findElement(By.cssSelector("[data-figure='" + key + "'] .detail")).getText();
    }

    static List<String> cells(WebElement row) {
        return row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
    }
}
