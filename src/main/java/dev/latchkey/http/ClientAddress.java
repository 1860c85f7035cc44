package dev.latchkey.http;

import io.vertx.core.http.HttpServerRequest;

/** The client's address as the HTTP layer resolved it (through trusted proxies only), for limits and the audit. */
public final class ClientAddress {
    private ClientAddress() {
    }

    public static String of(HttpServerRequest http) {
        return http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
    }
}
