package io.stockpulse.serde;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parsed connection settings of a {@link RestSchemaRegistryClient}: base URLs (without user info,
 * without trailing slash), the {@code Authorization} header value and the timeouts.
 *
 * <p>Why separate: credential handling is where leaks happen, so it lives in one small place.
 * Secrets are only ever stored in {@link #authorization}; {@link #toString()}, log lines and
 * exception messages never contain them (a {@link ConfigException} here never echoes a value).
 */
final class RestClientSettings {

    private static final Logger log = LoggerFactory.getLogger(RestClientSettings.class);
    static final long DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
    static final long DEFAULT_READ_TIMEOUT_MS = 30_000;

    final List<String> baseUrls;
    /** Full {@code Authorization} header value, or null. Secret: never log. */
    final String authorization;
    final String authKind;
    final Duration connectTimeout;
    final Duration requestTimeout;

    private RestClientSettings(List<String> baseUrls, String authorization, String authKind,
                               Duration connectTimeout, Duration requestTimeout) {
        this.baseUrls = List.copyOf(baseUrls);
        this.authorization = authorization;
        this.authKind = authKind;
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
    }

    static RestClientSettings from(List<String> urls, Map<String, ?> configs) {
        if (urls == null || urls.isEmpty()) {
            throw new ConfigException("At least one schema registry URL is required");
        }
        List<String> clean = new ArrayList<>();
        String urlUserInfo = null;
        for (String url : urls) {
            URI u = parse(url);
            String authority = u.getRawAuthority();
            int at = authority.lastIndexOf('@');
            if (at >= 0) {
                if (urlUserInfo == null) {
                    urlUserInfo = URLDecoder.decode(authority.substring(0, at), StandardCharsets.UTF_8);
                }
                authority = authority.substring(at + 1);
            }
            String path = u.getRawPath() == null ? "" : u.getRawPath();
            while (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            clean.add(u.getScheme().toLowerCase(Locale.ROOT) + "://" + authority + path);
        }
        String[] auth = authorization(configs, urlUserInfo);
        Duration connect = Duration.ofMillis(AvroSerdeConfig.positiveLong(configs,
                AvroSerdeConfig.HTTP_CONNECT_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS));
        Duration request = Duration.ofMillis(AvroSerdeConfig.positiveLong(configs,
                AvroSerdeConfig.HTTP_READ_TIMEOUT_MS, DEFAULT_READ_TIMEOUT_MS));
        if (configs != null && configs.keySet().stream().anyMatch(k -> k.startsWith(AvroSerdeConfig.PREFIX + "ssl."))) {
            log.warn("schema.registry.ssl.* settings are ignored: the registry client uses the JVM default SSLContext; "
                    + "set -Djavax.net.ssl.trustStore=... (and -Djavax.net.ssl.keyStore=... for mTLS) instead");
        }
        return new RestClientSettings(clean, auth[0], auth[1], connect, request);
    }

    private static URI parse(String url) {
        URI u;
        try {
            u = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Invalid schema registry URL (not a URI): " + redact(url));
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || u.getRawAuthority() == null || u.getHost() == null) {
            throw new ConfigException("Invalid schema registry URL " + redact(url)
                    + ": expected http(s)://host[:port][/path] or mock://scope");
        }
        return u;
    }

    /** Returns {header value or null, kind for logs}. */
    private static String[] authorization(Map<String, ?> configs, String urlUserInfo) {
        String userInfo = AvroSerdeConfig.string(configs, AvroSerdeConfig.BASIC_AUTH_USER_INFO);
        String source = AvroSerdeConfig.string(configs, AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE);
        String token = AvroSerdeConfig.string(configs, AvroSerdeConfig.BEARER_AUTH_TOKEN);
        String bearerSource = AvroSerdeConfig.string(configs, AvroSerdeConfig.BEARER_AUTH_CREDENTIALS_SOURCE);

        // Confluent defaults the source to URL; we default to USER_INFO when user info is given,
        // because silently ignoring configured credentials only shows up later as HTTP 401.
        source = source == null ? (userInfo != null ? "USER_INFO" : "URL") : source.toUpperCase(Locale.ROOT);
        String basic;
        switch (source) {
            case "USER_INFO" -> {
                if (userInfo == null) {
                    throw new ConfigException(AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE
                            + "=USER_INFO requires " + AvroSerdeConfig.BASIC_AUTH_USER_INFO + " ('user:password')");
                }
                basic = userInfo;
            }
            case "URL" -> basic = urlUserInfo;
            default -> throw new ConfigException("Unsupported " + AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE
                    + " '" + source + "': only USER_INFO and URL are supported");
        }
        if (basic != null && basic.indexOf(':') < 0) {
            throw new ConfigException("Basic auth user info must have the form 'user:password' (value not shown)");
        }
        if (token != null || bearerSource != null) {
            if (bearerSource != null && !bearerSource.equalsIgnoreCase("STATIC_TOKEN")) {
                throw new ConfigException("Unsupported " + AvroSerdeConfig.BEARER_AUTH_CREDENTIALS_SOURCE + " '"
                        + bearerSource + "': only STATIC_TOKEN is supported");
            }
            if (token == null) {
                throw new ConfigException(AvroSerdeConfig.BEARER_AUTH_TOKEN + " is required for bearer auth");
            }
            if (basic != null) {
                throw new ConfigException("Configure either basic auth or a bearer token for the schema registry, not both");
            }
            return new String[] {"Bearer " + token, "bearer"};
        }
        if (basic != null) {
            String encoded = Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8));
            return new String[] {"Basic " + encoded, "basic"};
        }
        return new String[] {null, "none"};
    }

    /** The URL with any user info replaced by {@code ***}, for messages. */
    static String redact(String url) {
        return url == null ? "null" : url.replaceAll("(?<=://)[^/@]*@", "***@");
    }

    @Override
    public String toString() {
        return "urls=" + baseUrls + ", auth=" + authKind + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout;
    }
}
