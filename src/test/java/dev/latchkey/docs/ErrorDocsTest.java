package dev.latchkey.docs;

import dev.latchkey.policy.AuthorizeReason;
import dev.latchkey.policy.Endpoint;
import dev.latchkey.policy.ErrorProfile;
import dev.latchkey.policy.Reason;
import dev.latchkey.policy.Reasons;
import dev.latchkey.policy.TokenReason;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * docs/errors.md is generated from the policy's reason enum and profile tables; this test fails when
 * the file and the tables disagree. Regenerate with {@code ./mvnw test -Dtest=ErrorDocsTest -Dlatchkey.docs.write=true}.
 */
class ErrorDocsTest {
    static final Path FILE = Path.of("docs", "errors.md");

    /** Checks every endpoint runs before it looks at its own parameters. */
    static final Set<Reason> SHARED = Set.of(TokenReason.REQUEST_CONTENT_TYPE, TokenReason.REQUEST_MALFORMED,
            TokenReason.REQUEST_PARAMETER_REPEATED, TokenReason.CLIENT_AUTH_MISSING, TokenReason.CLIENT_AUTH_MULTIPLE,
            TokenReason.CLIENT_AUTH_MALFORMED, TokenReason.REQUEST_THROTTLED, TokenReason.CLIENT_AUTH_FAILED);

    /** The authorization endpoint's reasons the PAR endpoint cannot reach: its client is authenticated, nobody signs in. */
    static final Set<Reason> NOT_AT_PAR = Set.of(AuthorizeReason.CLIENT_ID_REPEATED, AuthorizeReason.CLIENT_ID_MISSING,
            AuthorizeReason.CLIENT_UNKNOWN, AuthorizeReason.CLIENT_DISABLED, AuthorizeReason.REQUEST_URI_UNKNOWN,
            AuthorizeReason.PUSH_REQUIRED, AuthorizeReason.REQUEST_URI_MIXED, AuthorizeReason.LOGIN_REQUIRED,
            AuthorizeReason.CONSENT_REQUIRED, AuthorizeReason.USER_DENIED);

    @Test
    void errorDocumentationMatchesThePolicyTables() throws IOException {
        String expected = render();
        if (Boolean.getBoolean("latchkey.docs.write")) {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, expected, StandardCharsets.UTF_8);
        }
        assertEquals(expected, Files.readString(FILE, StandardCharsets.UTF_8),
                "docs/errors.md is out of date: regenerate it (see this test's comment)");
    }

    static String render() {
        StringBuilder md = new StringBuilder();
        md.append("""
                # Latchkey errors

                Every error each endpoint can answer, in the order the endpoint checks for it (the first
                failure wins), with its HTTP status and its `error` code in both profiles: `strict` (the
                default: only the codes documented here for each endpoint) and `rfc6749` (`LATCHKEY_ERRORS_PROFILE=rfc6749`).
                `error_description` is the description below, sometimes followed by `: ` and the offending value.

                Generated from the reason tables (`Reasons`) and `ErrorProfile` in `src/main/java/dev/latchkey/policy/`;
                `ErrorDocsTest` fails when this file and those tables disagree.

                ## Authorization endpoint: error page, never redirected

                The client or its redirect URI cannot be trusted, so the browser gets an HTML page
                (`text/html`) and no redirect.

                | status | description |
                |---|---|
                """);
        for (Reason r : Reasons.all()) {
            if (r.endpoint() == Endpoint.AUTHORIZE && !r.redirectable() && r != AuthorizeReason.REQUEST_URI_PUSHED) {
                md.append("| ").append(ErrorProfile.STRICT.wire(r).status()).append(" | ").append(r.description())
                        .append(" |\n");
            }
        }
        md.append("""
                | 400 | the login or consent form's CSRF token is missing or does not match the browser |
                | 429 | too many failed logins for the username or from the address (`Retry-After`) |
                | 503 | the database is unavailable (`Retry-After`) |

                ## Authorization endpoint: redirected to the client

                Sent to the redirect URI as query parameters `error`, `error_description`, `state` (when
                sent) and `iss`, with 302 (303 after a form POST).

                """);
        table(md, r -> r.endpoint() == Endpoint.AUTHORIZE && r.redirectable());
        md.append("""

                ## Token endpoint: `POST /oauth2/token`

                JSON `{"error", "error_description"}` with `Cache-Control: no-store`. A 401 carries
                `WWW-Authenticate: Basic realm="latchkey"`, a 429 `Retry-After`. When the server asks for DPoP
                nonces (`LATCHKEY_DPOP_NONCE=true`), every answer carries `DPoP-Nonce`, the one to put in the next proof.

                | status | strict | rfc6749 | description |
                |---|---|---|---|
                | 405 | invalid_request | invalid_request | method other than POST (`Allow: POST`) |
                """);
        rows(md, r -> r.endpoint() == Endpoint.TOKEN && r != TokenReason.TOKEN_MISSING);
        md.append("""
                | 500 | server_error | server_error | a bug; the description carries a reference to the log |
                | 503 | server_error | server_error | the database is unavailable (`Retry-After`) |

                ## Revocation and introspection: `POST /oauth2/revoke`, `POST /oauth2/introspect`

                Same format. A token that is unknown, expired or another client's is not an error:
                revocation answers 200, introspection `{"active": false}`. Public clients may revoke
                their tokens but not introspect.

                | status | strict | rfc6749 | description |
                |---|---|---|---|
                | 405 | invalid_request | invalid_request | method other than POST (`Allow: POST`) |
                """);
        rows(md, r -> SHARED.contains(r) || r == TokenReason.TOKEN_MISSING);
        md.append("""
                | 500 | server_error | server_error | a bug; the description carries a reference to the log |
                | 503 | server_error | server_error | the database is unavailable (`Retry-After`) |

                ## Pushed authorization requests: `POST /oauth2/par`

                RFC 9126: the token endpoint's format and client authentication, then the authorization
                endpoint's checks of the pushed parameters with the authorization endpoint's codes (as JSON,
                never redirected). Success is 201 `{"request_uri", "expires_in"}`.

                | status | strict | rfc6749 | description |
                |---|---|---|---|
                | 405 | invalid_request | invalid_request | method other than POST (`Allow: POST`) |
                """);
        rows(md, SHARED::contains);
        rows(md, r -> r == AuthorizeReason.REQUEST_URI_PUSHED);
        rows(md, r -> r.endpoint() == Endpoint.AUTHORIZE && !NOT_AT_PAR.contains(r) && r != AuthorizeReason.REQUEST_URI_PUSHED);
        md.append("""
                | 413 | invalid_request | invalid_request | the body is over 64 KiB |
                | 503 | server_error | server_error | the database is unavailable (`Retry-After`) |

                ## Userinfo with a DPoP-bound token: `GET`/`POST /oauth2/userinfo`

                RFC 9449 §7.1: 401 with `WWW-Authenticate: DPoP error="...", algs="..."` and the API's
                `{"message", "description"}` body; `use_dpop_nonce` also carries `DPoP-Nonce`. The descriptions are
                the token endpoint's DPoP rows above; the `error` is `invalid_dpop_proof`, or `use_dpop_nonce` for a
                missing or stale nonce, or `invalid_token` for a bound token sent as `Bearer` (or an unbound one as `DPoP`).

                ## Dynamic registration: `POST /oauth2/register`, `GET`/`PUT`/`DELETE /oauth2/register/{client_id}`

                JSON `{"error", "error_description"}` with `Cache-Control: no-store` (RFC 7591 §3.2.2, RFC 7592).
                A 401 carries `WWW-Authenticate: Bearer error="invalid_token"`, a 429 `Retry-After`. With
                `LATCHKEY_REGISTRATION_MODE=off` every one of these paths answers 404 `invalid_request`.

                | status | strict | rfc6749 | description |
                |---|---|---|---|
                """);
        rows(md, r -> r.endpoint() == Endpoint.REGISTER);
        md.append("""
                | 413 | invalid_request | invalid_request | the body is over 64 KiB |
                | 503 | server_error | server_error | the database is unavailable (`Retry-After`) |

                ## Management API: `/api/v1/*`

                JSON `{"message": "<status> <reason>", "description": "..."}`.

                | status | when |
                |---|---|
                | 400 | malformed JSON, unknown field, wrong type, repeated key, missing or invalid field, duplicate name, scope still in use, bad `limit` |
                | 401 | missing or wrong admin API key (`WWW-Authenticate: Bearer realm="latchkey"`) |
                | 404 | no such resource, or no such path (any path no endpoint serves gets this too) |
                | 405 | wrong method for the path (`Allow` lists the right ones) |
                | 415 | body not `application/json` |
                | 500 | a bug; the description carries a reference to the log |
                | 503 | the database is unavailable (`Retry-After`) |
                """);
        return md.toString();
    }

    private static void table(StringBuilder md, Predicate<Reason> which) {
        md.append("| strict | rfc6749 | description |\n|---|---|---|\n");
        for (Reason r : Reasons.all()) {
            if (which.test(r)) {
                md.append("| ").append(ErrorProfile.STRICT.wire(r).code()).append(" | ")
                        .append(ErrorProfile.RFC6749.wire(r).code()).append(" | ").append(r.description())
                        .append(" |\n");
            }
        }
    }

    private static void rows(StringBuilder md, Predicate<Reason> which) {
        for (Reason r : Reasons.all()) {
            if (which.test(r)) {
                md.append("| ").append(ErrorProfile.STRICT.wire(r).status()).append(" | ")
                        .append(ErrorProfile.STRICT.wire(r).code()).append(" | ")
                        .append(ErrorProfile.RFC6749.wire(r).code()).append(" | ")
                        .append(r.description().replace("|", "\\|")).append(" |\n");
            }
        }
    }
}
