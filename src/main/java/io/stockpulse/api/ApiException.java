package io.stockpulse.api;

/** A request the API refuses with a status and a message meant for the client (400, 404, …). */
final class ApiException extends RuntimeException {

    private final int status;

    ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
