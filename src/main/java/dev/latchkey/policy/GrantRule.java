package dev.latchkey.policy;

/**
 * What client registration needs to know of a grant type; each grant declares its own.
 *
 * @param grantType        the {@code grant_type} value
 * @param confidentialOnly whether only a client with a secret may use it
 * @param requires         another grant type a client must also have for this one to make sense, or null
 * @param why              why it requires that one (shown when it is missing)
 * @param redirects        whether it sends the browser back to a redirect URI (one must be registered)
 * @param startsUserGrant  whether it starts a grant a user approved, as {@code authorization_code} does: it then
 *                         stands in for that grant where another requires it (refresh tokens continue either)
 */
public record GrantRule(String grantType, boolean confidentialOnly, String requires, String why, boolean redirects,
                        boolean startsUserGrant) {

    public GrantRule(String grantType, boolean confidentialOnly, String requires, String why, boolean redirects) {
        this(grantType, confidentialOnly, requires, why, redirects, false);
    }
}
