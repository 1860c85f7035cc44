package dev.latchkey.config;

import dev.latchkey.policy.ErrorProfile;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Every {@code latchkey.*} setting; each is also an environment variable ({@code LATCHKEY_ADMIN_API_KEY}, ...). */
@ConfigMapping(prefix = "latchkey")
public interface LatchkeyConfig {

    /**
     * The issuer identifier (RFC 8414 §2, RFC 9207): https, or http on a loopback host, no query or
     * fragment. Required in production; dev and test default to the local URL.
     */
    Optional<String> issuer();

    /** Management API key. Required in production; generated per run in dev mode. */
    Optional<String> adminApiKey();

    /** Base64 of 32 random bytes: encrypts private signing keys at rest (AES-GCM). Required in production. */
    Optional<String> keyEncryptionKey();

    /**
     * The header {@code typ} of access tokens: RFC 9068's {@code at+jwt}, or {@code JWT} for resource servers
     * that accept nothing else (Spring Security's default).
     */
    @WithDefault(AT_JWT)
    String accessTokenTyp();

    String AT_JWT = "at+jwt";
    String JWT = "JWT";

    Token token();

    Database database();

    Password password();

    Errors errors();

    Session session();

    Login login();

    Code code();

    ClientAuth clientAuth();

    interface Token {
        /** Access token (JWT) lifetime. */
        @WithDefault("10m")
        Duration accessLifetime();

        /** Refresh token lifetime; each rotation starts a new one. */
        @WithDefault("14d")
        Duration refreshLifetime();

        /** The {@code aud} of access tokens; by default the issuer. */
        Optional<String> audience();

        /** ES256 (default) or RS256, for keys generated from now on. */
        @WithDefault("ES256")
        SigningAlgorithm signingAlgorithm();

        /** How often an instance re-reads the signing keys (to see a rotation made by another). */
        @WithDefault("10s")
        Duration keyRefreshInterval();
    }

    enum SigningAlgorithm { ES256, RS256 }

    Crypto crypto();

    Cache cache();

    Consent consent();

    Audit audit();

    interface Consent {
        /** A consent older than this no longer skips the consent page, and is purged. */
        @WithDefault("365d")
        Duration lifetime();
    }

    interface Audit {
        /** Audit events older than this are purged. */
        @WithDefault("90d")
        Duration retention();
    }

    interface Cache {
        /** How long a client read from the database is reused: the bound on seeing another instance's change. */
        @WithDefault("5s")
        Duration clientTtl();

        @WithDefault("10000")
        int clientMaxEntries();
    }

    interface Crypto {
        /**
         * Install the native-backed provider (Amazon Corretto Crypto Provider, AWS-LC) first, where it
         * loads; the JDK's own provider signs otherwise.
         */
        @WithDefault("true")
        boolean nativeProvider();
    }

    interface Database {
        /** Dev and test only: create the configured database on the local server when it does not exist. */
        @WithDefault("false")
        boolean createIfMissing();
    }

    interface Password {
        /** bcrypt work factor for user passwords. */
        @WithDefault("11")
        int bcryptCost();
    }

    interface Errors {
        /** {@code strict}: only the codes docs/errors.md documents per endpoint; {@code rfc6749}: the plain RFC 6749 codes. */
        @WithDefault("strict")
        ErrorProfile profile();
    }

    interface Session {
        /** How long a login at the authorization endpoint lasts. */
        @WithDefault("8h")
        Duration lifetime();

        /** The session cookie's Secure flag; by default set when the issuer is https. */
        Optional<Boolean> secureCookie();
    }

    interface Login {
        /**
         * Login attempts for one username from one address within the window before that address is refused
         * for that username (429); the user's logins from elsewhere go on.
         */
        @WithDefault("5")
        int maxFailuresPerUsername();

        /** Login attempts per client address within the window (a success gives its attempt back). */
        @WithDefault("20")
        int maxFailuresPerAddress();

        @WithDefault("5m")
        Duration throttleWindow();
    }

    interface ClientAuth {
        /**
         * Failed client authentications for one client from one address within the window, after which that
         * address's further failures get 429; a correct secret is always accepted.
         */
        @WithDefault("10")
        int maxFailuresPerClient();

        /** Failed client authentications per address within the window. */
        @WithDefault("50")
        int maxFailuresPerAddress();

        @WithDefault("5m")
        Duration throttleWindow();
    }

    Admin admin();

    interface Admin {
        /** Wrong admin API keys per address within the window before the address is refused (429). */
        @WithDefault("20")
        int maxFailuresPerAddress();

        @WithDefault("5m")
        Duration throttleWindow();
    }

    interface Code {
        /** Authorization code lifetime; at most 60 s (RFC 6749 §4.1.2 recommends 10 minutes at most; we keep 60 s). */
        @WithDefault("60s")
        Duration lifetime();
    }

    Device device();

    /** The device authorization grant (RFC 8628). */
    interface Device {
        /** How long a device code and its user code live: the user's time to type the code and approve. */
        @WithDefault("10m")
        Duration lifetime();

        /** The polling interval a device is given (RFC 8628 §3.2); each slow_down adds 5 seconds. */
        @WithDefault("5s")
        Duration interval();

        /** Wrong user codes typed from one address within the login throttle window before 429. */
        @WithDefault("10")
        int maxFailuresPerAddress();
    }

    Registration registration();

    /** Dynamic client registration (RFC 7591, RFC 7592). */
    interface Registration {
        /**
         * {@code token}: a registration needs an initial access token from the management API; {@code open}:
         * anyone may register (as MCP clients expect), for the open scopes only; {@code off}: no endpoint.
         */
        @WithDefault("token")
        String mode();

        /** The scopes open registration offers, and those a client that names none is allowed. */
        Optional<java.util.List<String>> openScopes();

        /** Registrations per address within the window in {@code open} mode, before 429. */
        @WithDefault("20")
        int maxPerAddress();

        @WithDefault("1h")
        Duration window();

        /** A self-registered client that was issued no token within this time is deleted. */
        @WithDefault("24h")
        Duration unusedClientLifetime();
    }

    Console console();

    /** The admin console. */
    interface Console {
        /** How long a console session lasts; then the console signs in again through the authorization endpoint. */
        @WithDefault("30m")
        Duration sessionLifetime();
    }

    Dpop dpop();

    /** Sender-constrained tokens (RFC 9449). */
    interface Dpop {
        /**
         * How far a proof's {@code iat} may be from the server's clock, either way (RFC 9449 §11.1): a proof is
         * accepted only this long, so its jti is remembered only this long.
         */
        @WithDefault("60s")
        Duration proofWindow();

        /** Whether proofs must carry a server nonce (RFC 9449 §8); the nonce is answered in {@code DPoP-Nonce}. */
        @WithDefault("false")
        boolean nonce();

        /** How long a nonce is accepted; a new one is handed out each half of this time. */
        @WithDefault("5m")
        Duration nonceLifetime();
    }

    Par par();

    /** Pushed authorization requests (RFC 9126). */
    interface Par {
        /**
         * How long a request_uri lives. It is read again at the login and consent forms and consumed only when the
         * code is issued, so it must outlast a sign-in; RFC 9126 §2.2 gives 5 to 600 seconds as examples.
         */
        @WithDefault("5m")
        Duration lifetime();

        /** Every client must push its authorization requests (RFC 9126 §5), whatever its own setting. */
        @WithDefault("false")
        boolean required();
    }
}
