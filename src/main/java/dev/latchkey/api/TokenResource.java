package dev.latchkey.api;

import dev.latchkey.http.ClientAddress;
import dev.latchkey.http.FormBody;
import dev.latchkey.http.Paths;
import dev.latchkey.http.OAuthError;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.flow.DeviceFlow;
import dev.latchkey.flow.PushedRequestFlow;
import dev.latchkey.flow.TokenFlow;
import dev.latchkey.flow.TokenStatusFlow;
import dev.latchkey.policy.ErrorProfile;
import dev.latchkey.policy.Refusal;
import dev.latchkey.policy.ThrottledRefusal;
import dev.latchkey.policy.TokenRequest;
import dev.latchkey.policy.WireError;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code /oauth2/token}, {@code /oauth2/revoke}, {@code /oauth2/introspect}: forms in, JSON out, never
 * cached. The body is read raw so that a wrong content type, a bad escape or a repeated parameter is an
 * OAuth {@code invalid_request} like any other, not a framework error.
 */
@Path(Paths.OAUTH)
@Tag(name = "oauth2")
public class TokenResource {
    static final String DPOP = "DPoP";
    static final String DPOP_NONCE = "DPoP-Nonce";

    /** RFC 6749 §5.1, with what the response contributors added ({@code id_token}, say). */
    public record TokenResponse(String accessToken, String tokenType, long expiresIn, String scope,
                                @JsonInclude(JsonInclude.Include.NON_NULL) String refreshToken,
                                @JsonIgnore Map<String, Object> members) {
        @JsonAnyGetter
        Map<String, Object> anyMembers() {
            return members;
        }

        static TokenResponse of(TokenFlow.Tokens t) {
            return new TokenResponse(t.accessToken(), t.tokenType(), t.expiresIn(), t.scope(), t.refreshToken(),
                    t.members());
        }
    }

    private final TokenFlow tokens;
    private final TokenStatusFlow status;
    private final DeviceFlow devices;
    private final PushedRequestFlow pushed;
    private final ErrorProfile profile;

    public TokenResource(TokenFlow tokens, TokenStatusFlow status, DeviceFlow devices, PushedRequestFlow pushed,
                         LatchkeyConfig config) {
        this.tokens = tokens;
        this.pushed = pushed;
        this.status = status;
        this.devices = devices;
        this.profile = config.errors().profile();
    }

    /** On the event loop when the grant can answer from memory (no thread hop at all); else on a worker. */
    @POST
    @NonBlocking
    @Path("token")
    @Operation(summary = "Token request (RFC 6749 §3.2)")
    public Uni<Response> token(byte[] body, @Context HttpHeaders headers, @Context HttpServerRequest http) {
        TokenRequest request;
        CompletionStage<TokenRequest> checked;
        try {
            request = request(body, headers);
            if (request.dpopProofs().isEmpty()) {
                return fromMemoryOrWorker(request, http, tokens::fromMemory, tokens::token, TokenResponse::of)
                        .map(this::withDpopNonce);
            }
            checked = tokens.checkDpop(request);
        } catch (Refusal refusal) {
            return Uni.createFrom().item(withDpopNonce(refused(refusal)));
        }
        // the replay store answers on its own thread: back to this request's event loop for the rest
        io.vertx.core.Context loop = Vertx.currentContext();
        return Uni.createFrom().completionStage(checked)
                .emitOn(task -> loop.runOnContext(v -> task.run()))
                .onItem().transformToUni(withJkt -> fromMemoryOrWorker(withJkt, http, tokens::fromMemory, tokens::token,
                        TokenResponse::of))
                .onFailure(Refusal.class).recoverWithItem(failure -> refused((Refusal) failure))
                .map(this::withDpopNonce);
    }

    /** RFC 9126 §2: an authorization request pushed by its client; 201 with its request_uri. */
    @POST
    @Path("par")
    @Operation(summary = "Pushed authorization request (RFC 9126)")
    public Response par(byte[] body, @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return answer(201, () -> pushed.push(request(body, headers), ClientAddress.of(http)));
    }

    /** RFC 9449 §8: when the server asks for nonces, every token response names the one to use next. */
    private Response withDpopNonce(Response response) {
        return tokens.dpopNonce().map(n -> Response.fromResponse(response).header(DPOP_NONCE, n).build())
                .orElse(response);
    }

    /** RFC 8628 §3.1, §3.2: a device's pair of codes; errors as at the token endpoint. */
    @POST
    @Path("device_authorization")
    @Operation(summary = "Device authorization request (RFC 8628)")
    public Response deviceAuthorization(byte[] body, @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return answer(() -> devices.authorize(request(body, headers), ClientAddress.of(http)));
    }

    @POST
    @Path("revoke")
    @Operation(summary = "Token revocation (RFC 7009)")
    public Response revoke(byte[] body, @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return answer(() -> {
            status.revoke(request(body, headers), ClientAddress.of(http));
            return null;
        });
    }

    /** From memory on the event loop for a JWT verified before; otherwise on a worker thread. */
    @POST
    @NonBlocking
    @Path("introspect")
    @Operation(summary = "Token introspection (RFC 7662)")
    public Uni<Response> introspect(byte[] body, @Context HttpHeaders headers, @Context HttpServerRequest http) {
        try {
            return fromMemoryOrWorker(request(body, headers), http, status::introspectFromMemory, status::introspect,
                    m -> m);
        } catch (Refusal refusal) {
            return Uni.createFrom().item(refused(refusal));
        }
    }

    /**
     * Lets {@code memory} answer on the event loop; when it has no answer from
     * memory alone (it returns empty, having read nothing but caches), {@code worker} answers on a worker
     * thread, where the database may be used.
     */
    private <T> Uni<Response> fromMemoryOrWorker(TokenRequest request, HttpServerRequest http,
                                                 BiFunction<TokenRequest, String, Optional<T>> memory,
                                                 BiFunction<TokenRequest, String, T> worker,
                                                 Function<T, Object> entity) {
        String address = ClientAddress.of(http);
        Optional<T> answered;
        try {
            answered = memory.apply(request, address);
        } catch (Refusal refusal) {
            return Uni.createFrom().item(refused(refusal));
        }
        if (answered.isPresent()) {
            T result = answered.get();
            return Uni.createFrom().item(answer(() -> entity.apply(result)));
        }
        return Uni.createFrom().item(() -> answer(() -> entity.apply(worker.apply(request, address))))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Response answer(Supplier<Object> work) {
        return answer(200, work);
    }

    private Response answer(int status, Supplier<Object> work) {
        try {
            Object entity = work.get();
            Response.ResponseBuilder ok = Response.status(status).header("Cache-Control", "no-store")
                    .header("Pragma", "no-cache");
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
        List<String> proofs = headers.getRequestHeader(DPOP);
        return new TokenRequest(FormBody.parse(headers.getHeaderString(HttpHeaders.CONTENT_TYPE), body),
                headers.getHeaderString(HttpHeaders.AUTHORIZATION), proofs == null ? List.of() : proofs, null);
    }

}
