package io.stockpulse.it;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/** Headless Chromium for the dashboard ITs, and the API answers the page is checked against. */
final class DashboardPages {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private DashboardPages() {
    }

    /** Fails (does not skip) under CI=true when Chromium or its driver is missing; .ci/run installs both. */
    static void requireChromium() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail("chromium and chromium-driver are not installed (CI installs them in .ci/run)");
            }
            Assumptions.abort("chromium / chromium-driver not installed");
        }
    }

    static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1400,1060");
        // the page's console (script errors) is printed by quit(), into the test's output
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Prints the page's console (script errors, failed requests) and closes the browser. */
    static void quit(WebDriver browser) {
        try {
            browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER)
                    .forEach(entry -> System.out.println("browser console: " + entry));
        } catch (RuntimeException e) {
            System.out.println("browser console not available: " + e.getMessage());
        }
        browser.quit();
    }

    /** GET /api/exceptions' rows, largest value first. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> exceptions(int port) throws IOException, InterruptedException {
        return (List<Map<String, Object>>) get(port, "/api/exceptions").get("exceptions");
    }

    static Map<String, Object> get(int port, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readValue(response.body(), new TypeReference<>() { });
    }

    /** The page as a PNG at {@code target}; returns its size in bytes. */
    static long screenshot(WebDriver browser, Path target) throws IOException {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        if (target.getParent() != null) {
            Files.createDirectories(target.getParent());
        }
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
        return Files.size(target);
    }
}
