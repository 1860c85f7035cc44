package dev.latchkey.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import java.util.List;

/** The console's pages (Qute, HTML-escaped), in the login pages' style. */
@CheckedTemplate(basePath = "ConsolePages")
public class ConsolePages {

    /** Who is signed in, and the token of the forms on the page. */
    public record Frame(String username, String csrf) {
    }

    /** One labelled value of a client's page. */
    public record Field(String label, String value) {
    }

    /** The client form (new or edit) as stored or as sent, to show it again with what was wrong. */
    public record ClientForm(String name, String clientType, String redirectUris, String allowedScopes,
                             String defaultScopes, List<String> grantTypes, String postLogoutRedirectUris,
                             String allowedResources, boolean requirePkce, boolean enabled, String idTokenAlg,
                             boolean dpop, boolean requirePar) {
        public boolean has(String grant) {
            return grantTypes.contains(grant);
        }

        public boolean isPublic() {
            return "public".equals(clientType);
        }
    }

    /** A user's grant to a client, with what withdrawing it posts to. */
    public record GrantRow(String clientId, String clientName, String scopes, String grantedAt) {
    }

    /** A row of the audit trail. */
    public record EventRow(String at, String type, String actor, String clientId, String subject, String address,
                           String detail) {
    }

    /** The audit page's filters as sent. */
    public record AuditFilter(String type, String clientId, String actor, String since, String until) {
    }

    /** The user form (new or edit); the password is never shown again. */
    public record UserForm(String username, String name, String givenName, String familyName, String email,
                           boolean emailVerified, boolean admin) {
        /** The same form for the user {@code username} (an edit form does not send the name it edits). */
        public UserForm named(String username) {
            return new UserForm(username, name, givenName, familyName, email, emailVerified, admin);
        }
    }

    /** A question before something that cannot be undone: the form posts to {@code action}. */
    public record Confirm(String title, String text, String action, String button, String back) {
    }

    /** A secret shown once (a client secret, a registration token), with what it belongs to. */
    public record SecretShown(String heading, String idLabel, String id, String label, String value, String back,
                              String backLabel) {
    }

    public static native TemplateInstance users(Frame frame, List<Field> rows, String next);

    public static native TemplateInstance user(Frame frame, String username, List<Field> fields, List<GrantRow> grants);

    public static native TemplateInstance audit(Frame frame, AuditFilter filter, List<String> types, List<EventRow> rows,
                                                String next, String error);

    public static native TemplateInstance clients(Frame frame, List<dev.latchkey.policy.ClientSummary> rows, String q, String next);

    public static native TemplateInstance client(Frame frame, String clientId, String name, List<Field> fields,
                                                 boolean confidential, boolean enabled, boolean builtIn);

    /** @param clientId the client edited; null for a new client */
    public static native TemplateInstance clientForm(Frame frame, String clientId, ClientForm form,
                                                     List<String> grants, List<String> algorithms, String error);

    /** @param username the user edited; null for a new user */
    public static native TemplateInstance userForm(Frame frame, String username, UserForm form, String error);

    public static native TemplateInstance secret(Frame frame, SecretShown shown);

    public static native TemplateInstance confirm(Frame frame, Confirm confirm);

    /** A row of a simple list: its cells, and the path its delete form posts to (null: none). */
    public record Row(List<String> cells, String deleteAction) {
    }

    /**
     * A list whose rows each have a button that posts to the row's action: what the rows are ({@code caption}),
     * the column headers, the button's word and what it acts on ("Delete", "scope"), the next page's link.
     */
    public record Listing(String caption, List<String> headers, List<Row> rows, String action, String thing,
                          String next) {
    }

    public static native TemplateInstance scopes(Frame frame, Listing listing, String error);

    public static native TemplateInstance resources(Frame frame, Listing listing, String error);

    public static native TemplateInstance registrationTokens(Frame frame, Listing listing, long defaultExpiresIn,
                                                             String error);

    public static native TemplateInstance keys(Frame frame, List<Row> rows, List<String> algorithms, String error);

    public static native TemplateInstance message(String title, String text);
}
