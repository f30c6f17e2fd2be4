package io.stockpulse.api;

/**
 * The HTTP server's settings, read from the instance's configuration by the application. The key
 * names are here because a bad value stops start-up with one line naming its key.
 *
 * @param bindAddress    local address to listen on ({@value #BIND_ADDRESS_KEY})
 * @param port           port, 0 for any free one ({@value #PORT_KEY})
 * @param advertisedHost host other instances reach this one by ({@value #ADVERTISED_HOST_KEY})
 * @param authToken      bearer token the /api/ routes require, empty for none ({@value #AUTH_TOKEN_KEY})
 * @param simulateFile   a {@code simulate --json} output the cockpit shows, empty for none
 */
public record ApiSettings(String bindAddress, int port, String advertisedHost, String authToken,
                          String simulateFile) {

    public static final String PORT_KEY = "http.port";
    public static final String BIND_ADDRESS_KEY = "http.bind.address";
    public static final String ADVERTISED_HOST_KEY = "http.advertised.host";
    public static final String AUTH_TOKEN_KEY = "http.auth.token";
    public static final String SIMULATE_FILE_KEY = "dashboard.simulate.file";
}
