package dev.latchkey.console;

import dev.latchkey.flow.ConsoleFlow;
import dev.latchkey.http.ClientAddress;
import dev.latchkey.http.Paths;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import static dev.latchkey.console.ConsoleRequests.SESSION;
import static dev.latchkey.console.ConsoleRequests.SIGN_IN;
import static dev.latchkey.console.ConsoleRequests.cookie;
import static dev.latchkey.console.ConsoleRequests.page;

/**
 * {@code /console}: signing in and out. Without a console session a page sends the browser through this
 * server's own authorization endpoint (code flow with PKCE, as the built-in client {@code latchkey-console});
 * only a user with the {@code admin} role gets a session. The pages are the other {@code Console*Resource}s.
 */
@Path(Paths.CONSOLE)
@ConsolePage
@Tag(name = "console")
public class ConsoleResource {
    private static final String START = Paths.CONSOLE + "/clients";

    private final ConsoleFlow console;
    private final ConsoleRequests requests;

    public ConsoleResource(ConsoleFlow console, ConsoleRequests requests) {
        this.console = console;
        this.requests = requests;
    }

    @GET
    @Operation(summary = "The console's start page")
    public Response home(@Context HttpHeaders headers) {
        return requests.signedIn(headers, frame -> ConsoleRequests.seeOther(START));
    }

    /** Where the authorization endpoint sends the console's code (RFC 6749 §4.1.2). */
    @GET
    @Path("callback")
    @Operation(summary = "The console's redirect URI")
    public Response callback(@RestQuery String code, @RestQuery String state, @RestQuery String error,
                             @Context HttpHeaders headers, @Context HttpServerRequest http) {
        String[] started = Optional.ofNullable(cookie(headers, SIGN_IN)).map(v -> v.split("\\.", 2))
                .filter(parts -> parts.length == 2).orElse(null);
        if (started == null || state == null || !MessageDigest.isEqual(started[0].getBytes(StandardCharsets.US_ASCII),
                state.getBytes(StandardCharsets.US_ASCII))) {
            return page(400, ConsolePages.message("This sign-in has expired",
                    "It was not started in this browser, or too long ago. Open the console again."));
        }
        if (error != null || code == null) {
            return page(403, ConsolePages.message("Not signed in",
                    "The sign-in was not completed (" + (error == null ? "no code" : error) + "). Open the console "
                            + "again to retry."));
        }
        ConsoleFlow.Completed completed = console.complete(code, started[1], requests.redirectUri(),
                ClientAddress.of(http));
        if (completed instanceof ConsoleFlow.Completed.SignedIn in) {
            return Response.seeOther(URI.create(START))
                    .header(HttpHeaders.SET_COOKIE, requests.cookie(SESSION, in.sessionToken(),
                            console.sessionSeconds(), "Strict"))
                    .header(HttpHeaders.SET_COOKIE, requests.cookie(SIGN_IN, "", 0, "Lax")).build();
        }
        if (completed instanceof ConsoleFlow.Completed.NotAdmin not) {
            return page(403, ConsolePages.message("Not an administrator", "You are signed in as " + not.username()
                    + ", who does not have the admin role. An administrator can give it to you."));
        }
        return page(400, ConsolePages.message("Sign-in failed", ((ConsoleFlow.Completed.Failed) completed).why()));
    }

    /**
     * Ends the console session, then sends the browser to the end-session endpoint with the sign-in's id_token, so
     * that the login session ends too: signing out of an admin console on a shared computer must not leave a
     * login behind that opens it again.
     */
    @POST
    @Path("signout")
    @Operation(summary = "Ends the console session and the login session")
    public Response signOut(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
                            @Context HttpHeaders headers) {
        if (!requests.formValid(headers, ConsoleRequests.form(type, body))) {
            return ConsoleRequests.csrfRefused();
        }
        String endSession = console.signOut(cookie(headers, SESSION), requests.endSessionEndpoint(),
                requests.signedOutUri());
        return Response.seeOther(URI.create(endSession))
                .header(HttpHeaders.SET_COOKIE, requests.cookie(SESSION, "", 0, "Strict")).build();
    }

    /** Where the end-session endpoint sends the browser back. */
    @GET
    @Path("signed-out")
    @Operation(summary = "Says the console sign-out is done")
    public Response signedOut() {
        return page(200, ConsolePages.message("Signed out", "You are signed out of the console and of Latchkey."));
    }
}
