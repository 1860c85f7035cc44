package dev.latchkey.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.config.Issuer;
import dev.latchkey.config.LatchkeyConfig;
import dev.latchkey.flow.RegistrationFlow;
import dev.latchkey.http.ClientAddress;
import dev.latchkey.http.Bearer;
import dev.latchkey.http.ErrorResponses;
import dev.latchkey.http.OAuthError;
import dev.latchkey.http.Paths;
import dev.latchkey.policy.ClientView;
import dev.latchkey.policy.DynamicRegistrationPolicy;
import dev.latchkey.policy.DynamicRegistrationPolicy.Metadata;
import dev.latchkey.policy.ErrorProfile;
import dev.latchkey.policy.Refusal;
import dev.latchkey.policy.RegistrationReason;
import dev.latchkey.policy.Scopes;
import dev.latchkey.policy.ThrottledRefusal;
import dev.latchkey.policy.WireError;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code /oauth2/register}: dynamic client registration (RFC 7591 §3) and, at {@code /oauth2/register/{client_id}},
 * the client's own management of it (RFC 7592). JSON in and out; errors as OAuth JSON, with
 * {@code WWW-Authenticate: Bearer} on 401 (RFC 6750 §3).
 */
@Path(Paths.REGISTER)
@Tag(name = "oauth2")
public class RegistrationResource {
    private final RegistrationFlow flow;
    private final ErrorResponses responses;
    private final ObjectMapper json;
    private final ErrorProfile profile;
    private final String clientUriBase;

    public RegistrationResource(RegistrationFlow flow, ErrorResponses responses, ObjectMapper json, Issuer issuer,
                                LatchkeyConfig config) {
        this.flow = flow;
        this.responses = responses;
        this.json = json;
        this.profile = config.errors().profile();
        this.clientUriBase = issuer.value() + Paths.REGISTER + "/";
    }

    @POST
    @Operation(summary = "Dynamic client registration (RFC 7591)")
    public Response register(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
                             @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                             @Context HttpServerRequest http) {
        return answer(Paths.REGISTER, () -> {
            RegistrationFlow.Registered registered = flow.register(() -> metadata(object(type, body)),
                    Bearer.token(authorization), ClientAddress.of(http));
            return Response.created(java.net.URI.create(clientUriBase + registered.client().clientId()))
                    .entity(document(registered));
        });
    }

    @GET
    @Path("{clientId}")
    @Operation(summary = "Read a registration (RFC 7592)")
    public Response read(@RestPath String clientId, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return answer(Paths.REGISTER + "/" + clientId,
                () -> Response.ok(document(flow.read(clientId, Bearer.token(authorization)))));
    }

    @PUT
    @Path("{clientId}")
    @Operation(summary = "Update a registration (RFC 7592)")
    public Response update(@RestPath String clientId, byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
                           @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @Context HttpServerRequest http) {
        return answer(Paths.REGISTER + "/" + clientId, () -> {
            String bearer = Bearer.token(authorization);
            // the token first: a stranger learns nothing from the body's checks
            flow.read(clientId, bearer);
            JsonNode object = object(type, body);
            return Response.ok(document(flow.update(clientId, bearer, metadata(object), text(object, "client_id"),
                    text(object, "client_secret"), ClientAddress.of(http))));
        });
    }

    @DELETE
    @Path("{clientId}")
    @Operation(summary = "Delete a registration (RFC 7592)")
    public Response delete(@RestPath String clientId, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @Context HttpServerRequest http) {
        return answer(Paths.REGISTER + "/" + clientId, () -> {
            flow.delete(clientId, Bearer.token(authorization), ClientAddress.of(http));
            return Response.noContent();
        });
    }

    /** The answer, or the refusal in this profile's words; 404 when registration is off. */
    private Response answer(String path, Supplier<Response.ResponseBuilder> work) {
        if (flow.mode() == DynamicRegistrationPolicy.Mode.OFF) {
            return responses.respond(404, "dynamic client registration is off on this server", path);
        }
        try {
            return work.get().header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
        } catch (Refusal refusal) {
            WireError wire = profile.wire(refusal.reason());
            Response.ResponseBuilder error = OAuthError.response(wire.status(), wire.code(), refusal.description());
            if (wire.status() == 401) {
                error.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            }
            if (refusal instanceof ThrottledRefusal throttled) {
                error.header("Retry-After", throttled.retryAfter().getSeconds());
            }
            return error.build();
        }
    }

    /** The body as a JSON object (RFC 7591 §3.1). */
    private JsonNode object(String type, byte[] body) {
        if (!isJson(type)) {
            throw new Refusal(RegistrationReason.BODY_MALFORMED, "Content-Type must be application/json");
        }
        JsonNode node;
        try {
            node = body == null || body.length == 0 ? null : json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new Refusal(RegistrationReason.BODY_MALFORMED, "it is not valid JSON");
        } catch (IOException e) {
            throw new Refusal(RegistrationReason.BODY_MALFORMED, "it could not be read");
        }
        if (node == null || !node.isObject()) {
            throw new Refusal(RegistrationReason.BODY_MALFORMED);
        }
        return node;
    }

    private static boolean isJson(String type) {
        try {
            return type != null && MediaType.APPLICATION_JSON_TYPE.isCompatible(MediaType.valueOf(type));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** RFC 7591 §2: the metadata this server reads; any other member is ignored. */
    private static Metadata metadata(JsonNode o) {
        return new Metadata(list(o, "redirect_uris"), text(o, "token_endpoint_auth_method"), list(o, "grant_types"),
                list(o, "response_types"), text(o, "client_name"), text(o, "scope"), text(o, "client_uri"),
                text(o, "logo_uri"), list(o, "contacts"), list(o, "post_logout_redirect_uris"),
                text(o, "id_token_signed_response_alg"), bool(o, "dpop_bound_access_tokens"),
                bool(o, "require_pushed_authorization_requests"));
    }

    private static Boolean bool(JsonNode o, String field) {
        JsonNode value = o.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new Refusal(RegistrationReason.METADATA_INVALID, field + " must be true or false");
        }
        return value.asBoolean();
    }

    private static String text(JsonNode o, String field) {
        JsonNode value = o.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new Refusal(RegistrationReason.METADATA_INVALID, field + " must be a string");
        }
        return value.asText();
    }

    private static List<String> list(JsonNode o, String field) {
        JsonNode value = o.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw new Refusal(field.equals("redirect_uris") ? RegistrationReason.REDIRECT_URI_INVALID
                    : RegistrationReason.METADATA_INVALID, field + " must be an array of strings");
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw new Refusal(field.equals("redirect_uris") ? RegistrationReason.REDIRECT_URI_INVALID
                        : RegistrationReason.METADATA_INVALID, field + " must be an array of strings");
            }
            items.add(item.asText());
        }
        return items;
    }

    /** RFC 7591 §3.2.1 (RFC 7592 §3 without the secrets, which are stored only as hashes). */
    private Map<String, Object> document(RegistrationFlow.Registered registered) {
        ClientView c = registered.client();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("client_id", c.clientId());
        m.put("client_id_issued_at", c.createdAt().getEpochSecond());
        if (registered.secret() != null) {
            m.put("client_secret", registered.secret());
            m.put("client_secret_expires_at", 0);
        }
        if (registered.registrationToken() != null) {
            m.put("registration_access_token", registered.registrationToken());
        }
        m.put("registration_client_uri", clientUriBase + c.clientId());
        m.put("client_name", c.name());
        m.put("redirect_uris", c.redirectUris());
        m.put("token_endpoint_auth_method", c.tokenEndpointAuthMethod());
        m.put("grant_types", List.copyOf(c.grantTypes()));
        m.put("response_types", c.allows("authorization_code") ? List.of(DynamicRegistrationPolicy.CODE) : List.of());
        m.put("scope", Scopes.format(c.allowedScopes()));
        if (c.clientUri() != null) {
            m.put("client_uri", c.clientUri());
        }
        if (c.logoUri() != null) {
            m.put("logo_uri", c.logoUri());
        }
        if (!c.contacts().isEmpty()) {
            m.put("contacts", c.contacts());
        }
        if (!c.postLogoutRedirectUris().isEmpty()) {
            m.put("post_logout_redirect_uris", c.postLogoutRedirectUris());
        }
        m.put("id_token_signed_response_alg", c.idTokenSignedResponseAlg());
        m.put("dpop_bound_access_tokens", c.dpopBoundAccessTokens());
        m.put("require_pushed_authorization_requests", c.requirePushedAuthorizationRequests());
        return m;
    }
}
