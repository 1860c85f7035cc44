package dev.latchkey.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.flow.TokenFlow;
import dev.latchkey.flow.TokenStatusFlow;
import dev.latchkey.policy.ErrorProfile;
import dev.latchkey.policy.Refusal;
import dev.latchkey.policy.ThrottledRefusal;
import dev.latchkey.policy.TokenRequest;
import dev.latchkey.policy.WireError;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.quarkus.runtime.BlockingOperationNotAllowedException;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * {@code /oauth2/token}, {@code /oauth2/revoke}, {@code /oauth2/introspect}: forms in, JSON out, never
 * cached. The body is read raw so that a wrong content type, a bad escape or a repeated parameter is an
 * OAuth {@code invalid_request} like any other, not a framework error.
 */
@Path("/oauth2")
@Tag(name = "oauth2")
public class TokenResource {

    /** RFC 6749 §5.1. */
    public record TokenResponse(String accessToken, String tokenType, long expiresIn, String scope,
                                @JsonInclude(JsonInclude.Include.NON_NULL) String refreshToken) {
    }

    private final TokenFlow tokens;
    private final TokenStatusFlow status;
    private final ErrorProfile profile;

    public TokenResource(TokenFlow tokens, TokenStatusFlow status, LatchkeyConfig config) {
        this.tokens = tokens;
        this.status = status;
        this.profile = config.errors().profile();
    }

    /**
     * Runs on the event loop when no database work can be needed (client_credentials for a cached client:
     * no thread hop at all); everything else goes to a worker thread.
     */
    @POST
    @NonBlocking
    @Path("token")
    @Operation(summary = "Token request (RFC 6749 §3.2)")
    public Uni<Response> token(byte[] body, @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return onRightThread(body, headers, http, tokens::needsDatabase, (request, address) -> {
            TokenFlow.Tokens t = tokens.token(request, address);
            return new TokenResponse(t.accessToken(), "Bearer", t.expiresIn(), t.scope(), t.refreshToken());
        });
    }

    @POST
    @Path("revoke")
    @Operation(summary = "Token revocation (RFC 7009)")
    public Response revoke(byte[] body, @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return answer(() -> {
            status.revoke(request(body, headers), address(http));
            return null;
        });
    }

    /** From memory on the event loop for a JWT verified before; otherwise on a worker thread. */
    @POST
    @NonBlocking
    @Path("introspect")
    @Operation(summary = "Token introspection (RFC 7662)")
    public Uni<Response> introspect(byte[] body, @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return onRightThread(body, headers, http, status::introspectionNeedsDatabase, status::introspect);
    }

    /**
     * Reads the request, then runs {@code work} on the event loop when {@code needsDatabase} says it can;
     * if that turned out wrong meanwhile (a cache entry expired between the decision and its use), the
     * attempt stops at its first database call, before any change, and runs again on a worker thread.
     */
    private Uni<Response> onRightThread(byte[] body, HttpHeaders headers, HttpServerRequest http,
                                        Predicate<TokenRequest> needsDatabase,
                                        BiFunction<TokenRequest, String, Object> work) {
        String address = address(http);
        TokenRequest request;
        try {
            request = request(body, headers);
        } catch (Refusal refusal) {
            return Uni.createFrom().item(refused(refusal));
        }
        Supplier<Response> answer = () -> answer(() -> work.apply(request, address));
        if (!needsDatabase.test(request)) {
            try {
                return Uni.createFrom().item(answer.get());
            } catch (BlockingOperationNotAllowedException e) {
                // fall through to a worker thread
            }
        }
        return Uni.createFrom().item(answer).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Response answer(Supplier<Object> work) {
        try {
            Object entity = work.get();
            Response.ResponseBuilder ok = Response.ok().header("Cache-Control", "no-store").header("Pragma", "no-cache");
            return (entity == null ? ok : ok.type(MediaType.APPLICATION_JSON).entity(entity)).build();
        } catch (Refusal refusal) {
            return refused(refusal);
        }
    }

    private Response refused(Refusal refusal) {
        WireError wire = profile.wire(refusal.reason());
        Response.ResponseBuilder error = OAuthError.response(wire.status(), wire.code(), refusal.description());
        if (wire.status() == 401) {
            error.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"latchkey\"");
        }
        if (refusal instanceof ThrottledRefusal throttled) {
            error.header("Retry-After", throttled.retryAfter().getSeconds());
        }
        return error.build();
    }

    private static TokenRequest request(byte[] body, HttpHeaders headers) {
        return new TokenRequest(FormBody.parse(headers.getHeaderString(HttpHeaders.CONTENT_TYPE), body),
                headers.getHeaderString(HttpHeaders.AUTHORIZATION));
    }

    static String address(HttpServerRequest http) {
        return http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
    }
}
