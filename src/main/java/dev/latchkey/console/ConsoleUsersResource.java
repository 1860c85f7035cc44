package dev.latchkey.console;

import dev.latchkey.flow.ConsoleFlow;
import dev.latchkey.flow.GrantAdminFlow;
import dev.latchkey.flow.Page;
import dev.latchkey.flow.UserAdminFlow;
import dev.latchkey.http.FormEncoding;
import dev.latchkey.http.Paths;
import dev.latchkey.policy.InvalidInput;
import dev.latchkey.policy.NotFound;
import dev.latchkey.policy.Parameters;
import dev.latchkey.policy.UserClaims;
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
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import static dev.latchkey.console.ConsoleRequests.PAGE;
import static dev.latchkey.console.ConsoleRequests.blankToNull;
import static dev.latchkey.console.ConsoleRequests.ok;
import static dev.latchkey.console.ConsoleRequests.page;
import static dev.latchkey.console.ConsoleRequests.seeOther;

/**
 * {@code /console/users}: create, set the password, claims and the admin role, delete after a confirmation, see
 * and withdraw a user's grants. The rules are {@link UserAdminFlow}'s, the management API's. An administrator
 * cannot take the admin role from themselves or delete themselves here: another administrator must, so the
 * console is never left without one by a slip.
 */
@Path(Paths.CONSOLE + "/users")
@ConsolePage
@Tag(name = "console")
public class ConsoleUsersResource {
    private static final String HOME = Paths.CONSOLE + "/users";

    private final ConsoleRequests requests;
    private final UserAdminFlow users;
    private final GrantAdminFlow grantsOf;

    public ConsoleUsersResource(ConsoleRequests requests, UserAdminFlow users, GrantAdminFlow grantsOf) {
        this.requests = requests;
        this.users = users;
        this.grantsOf = grantsOf;
    }

    @GET
    @Operation(summary = "Users, paged")
    public Response list(@RestQuery String after, @Context HttpHeaders headers) {
        return requests.signedIn(headers, frame -> {
            Page<UserAdminFlow.UserView> found = users.list(after, PAGE);
            return ok(ConsolePages.users(frame, found.items().stream()
                    .map(u -> new ConsolePages.Field(u.username(), String.join(" ", u.roles()))).toList(),
                    ConsoleRequests.next(HOME, Map.of(), found, "after")));
        });
    }

    @GET
    @Path("new")
    @Operation(summary = "The new-user form")
    public Response newUser(@Context HttpHeaders headers) {
        return requests.signedIn(headers, frame -> ok(ConsolePages.userForm(frame, null,
                new ConsolePages.UserForm("", "", "", "", "", false, false), null)));
    }

    @POST
    @Operation(summary = "Creates a user")
    public Response create(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
                           @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return requests.change(headers, type, body, http, change -> {
            ConsolePages.UserForm sent = sent(change.form());
            String password = change.form().get("password");
            UserAdminFlow.UserView created = users.create(sent.username(), password == null ? "" : password,
                    claims(sent), roles(sent));
            requests.audited(change, "/users/" + created.username(), null, "created user " + created.username());
            return seeOther(HOME + "/" + FormEncoding.encode(created.username()));
        }, (change, why) -> page(400, ConsolePages.userForm(change.frame(), null, sent(change.form()), why)));
    }

    @GET
    @Path("{username}")
    @Operation(summary = "One user, with their grants")
    public Response user(@RestPath String username, @Context HttpHeaders headers) {
        return found(username, headers, (frame, user) -> {
            UserClaims c = user.claims();
            List<ConsolePages.Field> fields = List.of(
                    new ConsolePages.Field("Roles", user.roles().isEmpty() ? "none" : String.join(" ", user.roles())),
                    new ConsolePages.Field("Name", orEmpty(c.name())),
                    new ConsolePages.Field("Given name", orEmpty(c.givenName())),
                    new ConsolePages.Field("Family name", orEmpty(c.familyName())),
                    new ConsolePages.Field("Email", c.email() == null ? "" : c.email()
                            + (c.emailVerified() ? " (verified)" : "")),
                    new ConsolePages.Field("Created", ConsoleRequests.time(user.createdAt())));
            List<ConsolePages.GrantRow> rows = grantsOf.list(username).stream()
                    .map(g -> new ConsolePages.GrantRow(g.clientId(), g.clientName(), String.join(" ", g.scopes()),
                            ConsoleRequests.time(g.grantedAt()))).toList();
            return ok(ConsolePages.user(frame, user.username(), fields, rows));
        });
    }

    @GET
    @Path("{username}/edit")
    @Operation(summary = "The form that edits a user")
    public Response edit(@RestPath String username, @Context HttpHeaders headers) {
        return found(username, headers, (frame, user) -> {
            UserClaims c = user.claims();
            return ok(ConsolePages.userForm(frame, user.username(), new ConsolePages.UserForm(user.username(),
                    orEmpty(c.name()), orEmpty(c.givenName()), orEmpty(c.familyName()), orEmpty(c.email()),
                    c.emailVerified(), user.roles().contains(ConsoleFlow.ADMIN)), null));
        });
    }

    @POST
    @Path("{username}")
    @Operation(summary = "Changes a user's password, claims and roles")
    public Response update(@RestPath String username, byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
                           @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return requests.change(headers, type, body, http, change -> {
            ConsolePages.UserForm sent = sent(change.form()).named(username);
            if (!sent.admin() && username.equals(change.admin().username())) {
                throw new InvalidInput("you cannot take the admin role from yourself; another administrator can");
            }
            String password = blankToNull(change.form().get("password"));
            users.replace(username, password, claims(sent), roles(sent));
            requests.audited(change, "/users/" + username, null, "changed user " + username
                    + (password == null ? "" : " and their password"));
            return seeOther(HOME + "/" + FormEncoding.encode(username));
        }, (change, why) -> page(400, ConsolePages.userForm(change.frame(), username,
                sent(change.form()).named(username), why)));
    }

    @GET
    @Path("{username}/delete")
    @Operation(summary = "Asks before deleting a user")
    public Response confirmDelete(@RestPath String username, @Context HttpHeaders headers) {
        return found(username, headers, (frame, user) -> ok(ConsolePages.confirm(frame, new ConsolePages.Confirm(
                "Delete " + user.username() + "?", "The user is deleted with their grants: the tokens issued to "
                + "them stop working at once. This cannot be undone.",
                HOME + "/" + FormEncoding.encode(user.username()) + "/delete", "Delete the user",
                HOME + "/" + FormEncoding.encode(user.username())))));
    }

    @POST
    @Path("{username}/delete")
    @Operation(summary = "Deletes a user")
    public Response delete(@RestPath String username, byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
                           @Context HttpHeaders headers, @Context HttpServerRequest http) {
        return requests.change(headers, type, body, http, change -> {
            if (username.equals(change.admin().username())) {
                throw new InvalidInput("you cannot delete yourself; another administrator can");
            }
            users.delete(username);
            requests.audited(change, "/users/" + username, null, "deleted user " + username);
            return seeOther(HOME);
        });
    }

    @POST
    @Path("{username}/grants/{clientId}/withdraw")
    @Operation(summary = "Withdraws a user's grant to a client")
    public Response withdraw(@RestPath String username, @RestPath String clientId, byte[] body,
                             @HeaderParam(HttpHeaders.CONTENT_TYPE) String type, @Context HttpHeaders headers,
                             @Context HttpServerRequest http) {
        return requests.change(headers, type, body, http, change -> {
            grantsOf.revoke(username, clientId);
            requests.audited(change, "/users/" + username + "/grants/" + clientId, clientId,
                    "withdrew the grant of " + username);
            return seeOther(HOME + "/" + FormEncoding.encode(username));
        });
    }

    private Response found(String username, HttpHeaders headers,
                           BiFunction<ConsolePages.Frame, UserAdminFlow.UserView, Response> page) {
        return requests.signedIn(headers, frame -> page.apply(frame, users.get(username)));
    }

    /** The form as sent; the password is never sent back to the page. */
    private static ConsolePages.UserForm sent(Parameters form) {
        return new ConsolePages.UserForm(orEmpty(form.get("username")), orEmpty(form.get("name")),
                orEmpty(form.get("given_name")), orEmpty(form.get("family_name")), orEmpty(form.get("email")),
                form.get("email_verified") != null, form.get("admin") != null);
    }

    private static UserClaims claims(ConsolePages.UserForm form) {
        return new UserClaims(blankToNull(form.name()), blankToNull(form.givenName()),
                blankToNull(form.familyName()), blankToNull(form.email()), form.emailVerified());
    }

    private static List<String> roles(ConsolePages.UserForm form) {
        return form.admin() ? List.of(ConsoleFlow.ADMIN) : List.of();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
