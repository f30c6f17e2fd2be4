package io.stockpulse.api;

import com.sun.net.httpserver.HttpExchange;
import io.stockpulse.app.StockPulseApp;

import java.io.IOException;

/** The JSON resources under /api/ (authorised by the server before they get here). */
final class ApiRoutes {

    private final StockPulseApp app;
    private final ApiServer server;

    ApiRoutes(StockPulseApp app, ApiServer server) {
        this.app = app;
        this.server = server;
    }

    void handle(HttpExchange exchange, String path) throws IOException {
        throw new ApiException(404, "no such resource: " + path);
    }
}
