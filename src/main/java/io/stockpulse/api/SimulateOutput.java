package io.stockpulse.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * GET /api/simulate: the JSON report of the last {@code stockpulse simulate} run, from the file named by
 * {@code dashboard.simulate.file}. Read at each request, so a new simulate run shows without a restart;
 * the path comes from the configuration only, never from the request.
 */
final class SimulateOutput {

    /** How to get a curve on the panel; the 404's message, shown by the dashboard. */
    static final String HOW_TO = "no simulate output configured: run `stockpulse simulate --out sim.json` and "
            + "start with dashboard.simulate.file=sim.json";
    /** simulate's JSON is a few kilobytes; anything far larger is not one. */
    private static final long MAX_BYTES = 4L << 20;

    private final Path file;

    SimulateOutput(String configured) {
        this.file = configured == null || configured.isBlank() ? null : Path.of(configured);
    }

    void serve(HttpExchange exchange) throws IOException {
        if (file == null) {
            throw new ApiException(404, HOW_TO);
        }
        byte[] body;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ApiException(422, file + " is larger than a simulate report");
            }
            body = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ApiException(404, "dashboard.simulate.file " + file + " does not exist (yet): run "
                    + "`stockpulse simulate --out " + file + "`");
        }
        JsonNode report;
        try {
            report = ApiServer.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(422, file + " is not JSON: " + e.getOriginalMessage());
        }
        if (report == null || !report.path("curve").isArray()) {
            throw new ApiException(422, file + " has no exchange curve (\"curve\"): not a simulate --out report");
        }
        ApiServer.send(exchange, 200, "application/json", body);
    }
}
