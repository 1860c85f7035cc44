package dev.latchkey.admin;

import dev.latchkey.config.Issuer;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;

/**
 * The URLs the management API hands out ({@code Location}, {@code Link}), built from the issuer, never from
 * the request's {@code Host} header, which a client writes.
 */
@Singleton
public class Links {
    private final String issuer;

    public Links(Issuer issuer) {
        this.issuer = issuer.value();
    }

    /** The resource {@code id} below the requested collection. */
    public URI created(UriInfo uri, String id) {
        return at(uri.getPath(), id);
    }

    /** The resource {@code id} below the collection at {@code path}. */
    public URI at(String path, String id) {
        return UriBuilder.fromUri(issuer).path(path).path(id).build();
    }

    /** The same list request, from {@code after} on. */
    public URI next(UriInfo uri, String after) {
        UriBuilder next = UriBuilder.fromUri(issuer).path(uri.getPath());
        uri.getQueryParameters().forEach((name, values) -> {
            if (!name.equals("after")) {
                next.queryParam(name, values.toArray());
            }
        });
        return next.queryParam("after", after).build();
    }
}
