package io.stockpulse.it;

import io.stockpulse.cli.StockPulseCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cockpit on the demo's real data: {@code stockpulse simulate} (moving average) writes the exchange
 * curve, {@code demo --keep-running --simulate-json} replays the first 40,000 rows of the bundled
 * extract with the LSTM and stays up; headless Chromium then checks the exception table against
 * /api/exceptions (rows, order, filter, sort), opens the most valuable exception's SKU whose forecast
 * has a p50–p90 band, and checks the chart (one units axis, band, policy lines), its live refresh and
 * the curve panel. With {@code -Dstockpulse.dashboard.png=deploy/dashboard.png} it writes that picture.
 */
class DashboardDemoIT {

    /** Where the screenshot goes when asked for (the docs' picture is deploy/dashboard.png). */
    static final String PNG_PROPERTY = "stockpulse.dashboard.png";
    private static final Duration DEMO = Duration.ofMinutes(20);
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Pattern KEPT = Pattern.compile("Keeping StockPulse up: dashboard at (http://localhost:(\\d+)/)");

    @Test
    void demoDataFillTheCockpit(@TempDir Path work) throws Exception {
        DashboardPages.requireChromium();
        Path sim = work.resolve("sim.json");
        assertThat(new CommandLine(new StockPulseCli()).execute("simulate", "--forecaster", "moving-average",
                "--compare", "none", "--service-levels", "0.8,0.9,0.95,0.98,0.99", "--work-dir",
                work.resolve("simulate").toString(), "--out", sim.toString())).isZero();
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream(); // synchronized: read while the demo writes
        AtomicInteger exit = new AtomicInteger(-1);
        Thread demo = new Thread(() -> exit.set(new CommandLine(new StockPulseCli()).execute("demo", "--limit", "40000",
                "--no-progress", "--keep-running", "--simulate-json", sim.toString(), "--work-dir",
                work.resolve("demo").toString())), "demo");
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            demo.start();
            await().atMost(DEMO).until(() -> KEPT.matcher(captured.toString(StandardCharsets.UTF_8)).find() || !demo.isAlive());
            String output = captured.toString(StandardCharsets.UTF_8);
            Matcher kept = KEPT.matcher(output);
            assertThat(kept.find()).as("the demo keeps running after its report:%n%s", output).isTrue();
            // the URL was printed at the start, before the replay, and is the one kept up
            assertThat(output.indexOf("Dashboard: " + kept.group(1))).isNotNegative()
                    .isLessThan(output.indexOf("== StockPulse demo report"));
            checkTheCockpit(kept.group(1), Integer.parseInt(kept.group(2)));
        } finally {
            demo.interrupt(); // --keep-running's stop request: the demo closes the app and the broker
            demo.join(Duration.ofMinutes(2).toMillis());
            System.setOut(original);
            original.println(captured.toString(StandardCharsets.UTF_8));
        }
        assertThat(demo.isAlive()).isFalse();
        assertThat(exit.get()).isZero();
    }

    private static void checkTheCockpit(String url, int port) throws Exception {
        List<Map<String, Object>> exceptions = DashboardPages.exceptions(port);
        assertThat(exceptions).isNotEmpty();
        WebDriver browser = DashboardPages.chromium();
        try {
            browser.get(url);
            await().atMost(PATIENCE).untilAsserted(() -> {
                List<List<String>> rows = tableCells(browser);
                assertThat(rows).hasSize(exceptions.size());
                // largest value at stake first, as the API orders them (the replay is over: nothing moves)
                assertThat(rows.get(0).get(2)).isEqualTo(exceptions.get(0).get("sku"));
            });
            filterAndSort(browser, exceptions);
            String sku = mostValuableWithBand(port, exceptions);
            await().atMost(PATIENCE).ignoreException(StaleElementReferenceException.class).untilAsserted(() ->
                    browser.findElement(By.cssSelector("#exceptions tr[data-sku='" + sku + "'] a")).click());
            await().atMost(PATIENCE).ignoreException(StaleElementReferenceException.class).until(() ->
                    sku.equals(browser.findElement(By.id("chart-title")).getDomAttribute("data-sku")));
            chartIsHonest(browser, port, sku);
            String first = browser.findElement(By.id("sku-status")).getText();
            // live: the view refreshes itself (every 5 s) without a page reload
            await().atMost(PATIENCE).until(() -> !browser.findElement(By.id("sku-status")).getText().equals(first));
            await().atMost(PATIENCE).until(() -> "shown".equals(
                    browser.findElement(By.id("curve-status")).getDomAttribute("data-state")));
            Object curvePoints = js(browser, "return Chart.getChart('curve').data.datasets[0].data.length");
            assertThat(((Number) curvePoints).intValue()).isEqualTo(5); // one per --service-levels value
            String png = System.getProperty(PNG_PROPERTY);
            if (png != null && !png.isBlank()) {
                ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
                assertThat(DashboardPages.screenshot(browser, Path.of(png))).isGreaterThan(50_000);
            }
        } finally {
            DashboardPages.quit(browser);
        }
    }

    /** Class A only shows A rows; the on-hand header sorts ascending. */
    private static void filterAndSort(WebDriver browser, List<Map<String, Object>> exceptions) {
        String abc = (String) exceptions.get(0).get("abcClass");
        long expected = exceptions.stream().filter(r -> abc.equals(r.get("abcClass"))).count();
        new Select(browser.findElement(By.id("filter-class"))).selectByValue(abc);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(tableCells(browser)).hasSize((int) expected)
                .allSatisfy(row -> assertThat(row.get(4)).startsWith(abc)));
        new Select(browser.findElement(By.id("filter-class"))).selectByValue("");
        browser.findElement(By.cssSelector("th[data-sort='onHand'] button")).click();
        await().atMost(PATIENCE).untilAsserted(() -> {
            List<Long> onHand = tableCells(browser).stream().map(row -> Long.parseLong(row.get(5).replace(",", ""))).toList();
            assertThat(onHand).hasSize(exceptions.size()).isSorted();
        });
        assertThat(browser.findElement(By.cssSelector("th[data-sort='onHand']")).getDomAttribute("aria-sort"))
                .isEqualTo("ascending");
        browser.findElement(By.cssSelector("th[data-sort='value'] button")).click(); // back to the default order
    }

    /** The exception table's cells, read in one script: the table is redrawn every 5 s, elements go stale. */
    @SuppressWarnings("unchecked")
    private static List<List<String>> tableCells(WebDriver browser) {
        return (List<List<String>>) js(browser, "return [...document.querySelectorAll('#exceptions tr[data-kind]')]"
                + ".map(tr => [...tr.cells].map(td => td.textContent))");
    }

    /** The exception with the largest value whose SKU's forecast has quantiles (the LSTM's p50 and p90). */
    @SuppressWarnings("unchecked")
    private static String mostValuableWithBand(int port, List<Map<String, Object>> exceptions) throws Exception {
        for (Map<String, Object> row : exceptions) {
            String sku = (String) row.get("sku");
            Map<String, Object> view = DashboardPages.get(port, "/api/skus/" + java.net.URLEncoder.encode(sku,
                    StandardCharsets.UTF_8).replace("+", "%20"));
            Map<String, Object> location = ((List<Map<String, Object>>) view.get("locations")).get(0);
            Map<String, Object> forecast = (Map<String, Object>) location.get("forecast");
            if (forecast != null && forecast.get("p90") != null && location.get("reorderPoint") != null) {
                return sku;
            }
        }
        throw new AssertionError("no exception's SKU has a forecast with a p90 band");
    }

    /** One y axis, in units; the band fills from p90 down to p50; the policy lines are the API's figures. */
    @SuppressWarnings("unchecked")
    private static void chartIsHonest(WebDriver browser, int port, String sku) throws Exception {
        assertThat((List<Object>) js(browser, "return Object.keys(Chart.getChart('chart').scales).sort()"))
                .containsExactly("x", "y");
        assertThat(js(browser, "return Chart.getChart('chart').options.scales.y.title.text")).isEqualTo("units");
        Map<String, Object> band = (Map<String, Object>) js(browser, "const d = Chart.getChart('chart').data.datasets"
                + ".find(s => s.label.includes('p50–p90 band')); return { fill: d.fill, "
                + "points: d.data.filter(v => v !== null).length }");
        assertThat(band).containsEntry("fill", "-1");
        assertThat(((Number) band.get("points")).intValue()).isPositive();
        Map<String, Object> location = ((List<Map<String, Object>>) DashboardPages.get(port, "/api/skus/"
                + java.net.URLEncoder.encode(sku, StandardCharsets.UTF_8).replace("+", "%20")).get("locations")).get(0);
        Object reorderPoint = js(browser, "return Chart.getChart('chart').data.datasets"
                + ".find(s => s.label === 'reorder point s').data.find(v => v !== null)");
        assertThat(((Number) reorderPoint).doubleValue()).isEqualTo(((Number) location.get("reorderPoint")).doubleValue());
        assertThat(browser.findElement(By.id("figures")).getText()).startsWith("on hand " + location.get("onHand") + ",");
    }

    private static Object js(WebDriver browser, String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }
}
