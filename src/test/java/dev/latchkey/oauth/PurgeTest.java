package dev.latchkey.oauth;

import dev.latchkey.jobs.Purge;
import dev.latchkey.support.Db;
import dev.latchkey.support.OAuth;
import dev.latchkey.support.Pkce;
import dev.latchkey.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The purge deletes what expired and nothing else, without posing as a revocation. */
@QuarkusTest
class PurgeTest {
    @Inject
    Purge purge;

    @Test
    void whenPurgedThenExpiredRowsGoAndLiveRowsStay() {
        OAuth app = OAuth.confidential();
        String user = (String) Db.row("select id::text as id from app_user where username = ?", app.username).get("id");
        String c = app.clientId;
        String tag = UUID.randomUUID().toString();
        UUID expiredFamily = UUID.randomUUID();
        UUID liveFamily = UUID.randomUUID();
        UUID oldEmptyFamily = UUID.randomUUID();
        UUID newEmptyFamily = UUID.randomUUID();
        Db.rows("""
                with codes as (insert into authorization_code (code_hash, client_id, user_id, scopes, created_at, expires_at)
                  values (sha256(('old' || ?)::bytea), ?, ?::uuid, 's', now() - interval '3 hours', now() - interval '2 hours'),
                         (sha256(('new' || ?)::bytea), ?, ?::uuid, 's', now(), now() + interval '1 minute') returning 1),
                fams as (insert into grant_family (id, client_id, user_id, scopes, created_at)
                  values (?, ?, ?::uuid, 's', now() - interval '30 days'), (?, ?, ?::uuid, 's', now()),
                         (?, ?, ?::uuid, 's', now() - interval '2 days'), (?, ?, ?::uuid, 's', now()) returning 1)
                select count(*) from codes, fams""",
                tag, c, user, tag, c, user, expiredFamily, c, user, liveFamily, c, user, oldEmptyFamily, c, user,
                newEmptyFamily, c, user);
        Db.rows("""
                insert into refresh_token (token_hash, family_id, client_id, scopes, created_at, expires_at)
                values (sha256(('old-r' || ?)::bytea), ?, ?, 's', now() - interval '30 days', now() - interval '1 day'),
                       (sha256(('new-r' || ?)::bytea), ?, ?, 's', now(), now() + interval '1 day') returning 1""",
                tag, expiredFamily, c, tag, liveFamily, c);
        Db.rows("""
                insert into login_session (id_hash, user_id, created_at, expires_at)
                values (sha256(('old-s' || ?)::bytea), ?::uuid, now() - interval '2 days', now() - interval '1 day'),
                       (sha256(('new-s' || ?)::bytea), ?::uuid, now(), now() + interval '1 hour') returning 1""",
                tag, user, tag, user);
        Db.rows("""
                insert into audit_event (at, type, client_id, detail) values
                  (now() - interval '100 days', 'TOKEN_ISSUED', ?, ?), (now(), 'TOKEN_ISSUED', ?, ?) returning 1""",
                c, "old " + tag, c, "new " + tag);
        long eventsBefore = Db.count("select count(*) from revocation_event where key = ?", oldEmptyFamily.toString());

        purge.run();

        assertEquals(0, Db.count("select count(*) from authorization_code where code_hash = sha256(('old' || ?)::bytea)", tag));
        assertEquals(1, Db.count("select count(*) from authorization_code where code_hash = sha256(('new' || ?)::bytea)", tag));
        assertEquals(0, Db.count("select count(*) from refresh_token where token_hash = sha256(('old-r' || ?)::bytea)", tag));
        assertEquals(1, Db.count("select count(*) from refresh_token where token_hash = sha256(('new-r' || ?)::bytea)", tag));
        // a grant with no refresh token left, past any access token's life, goes; the rest stay
        assertEquals(0, Db.count("select count(*) from grant_family where id in (?, ?)", expiredFamily, oldEmptyFamily));
        assertEquals(2, Db.count("select count(*) from grant_family where id in (?, ?)", liveFamily, newEmptyFamily));
        assertEquals(0, Db.count("select count(*) from login_session where id_hash = sha256(('old-s' || ?)::bytea)", tag));
        assertEquals(1, Db.count("select count(*) from login_session where id_hash = sha256(('new-s' || ?)::bytea)", tag));
        assertEquals(0, Db.count("select count(*) from audit_event where detail = ?", "old " + tag));
        assertEquals(1, Db.count("select count(*) from audit_event where detail = ?", "new " + tag));
        assertEquals(eventsBefore, Db.count("select count(*) from revocation_event where key = ?", oldEmptyFamily.toString()),
                "purging is not revoking");
    }

    @Test
    void whenConsentIsPastItsLifetimeButItsGrantIsLiveThenTheConsentStays() {
        OAuth live = OAuth.confidential();
        OAuth dead = OAuth.confidential();
        for (OAuth app : new OAuth[] {live, dead}) {
            Pkce pkce = Pkce.create();
            Tokens.exchange(app, app.code(pkce), pkce).then().statusCode(200);
            Db.rows("update consent set granted_at = now() - interval '400 days', updated_at = now() - interval '400 days' "
                    + "where client_id = ? returning 1", app.clientId);
        }
        // the dead one's grant has ended: its consent may go
        Db.rows("update grant_family set revoked_at = now() where client_id = ? returning 1", dead.clientId);

        purge.run();

        assertEquals(1, Db.count("select count(*) from consent where client_id = ?", live.clientId),
                "a live grant keeps the consent it rests on");
        assertEquals(0, Db.count("select count(*) from consent where client_id = ?", dead.clientId));
    }
}
