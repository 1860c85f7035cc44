package dev.latchkey.oauth;

import dev.latchkey.support.Browser;
import dev.latchkey.support.Db;
import dev.latchkey.support.OAuth;
import dev.latchkey.support.Pkce;
import dev.latchkey.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.latchkey.support.Admin.api;
import static dev.latchkey.support.Tokens.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Many threads at once on one refresh token, one consent, one client secret: one consistent outcome. */
@QuarkusTest
class RacesTest {

    static <T> List<T> together(int threads, Callable<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                return work.call();
            }));
        }
        start.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get());
        }
        pool.shutdown();
        return results;
    }

    @Test
    void whenOneRefreshTokenIsUsedConcurrentlyThenOneWinsAndNoTwoLiveHeads() throws Exception {
        OAuth app = OAuth.confidential();
        Pkce pkce = Pkce.create();
        String refresh = Tokens.exchange(app, app.code(pkce), pkce).path("refresh_token");
        List<Response> results = together(12, () -> Tokens.refresh(app, refresh));
        long ok = results.stream().filter(r -> r.statusCode() == 200).count();
        assertEquals(1, ok, "exactly one rotation");
        results.stream().filter(r -> r.statusCode() != 200).forEach(r -> {
            assertEquals(400, r.statusCode());
            assertEquals("invalid_request", r.path("error"));
        });
        String family = (String) Db.row("select family_id::text as f from refresh_token where token_hash = ?",
                RefreshRevokeIntrospectTest.sha(refresh)).get("f");
        long heads = Db.count("""
                select count(*) from refresh_token r join grant_family f on f.id = r.family_id
                where f.id = ?::uuid and r.rotated_at is null and f.revoked_at is null""", family);
        assertTrue(heads <= 1, "live heads: " + heads);
    }

    @Test
    void whenConsentSubmittedConcurrentlyThenOneRowWithEveryScope() throws Exception {
        OAuth app = OAuth.confidential();
        Browser browser = new Browser();
        // log in once; then several consent forms (different scope sets) are submitted at the same time
        Map<String, String> first = app.params(Pkce.create());
        app.login(browser, first);
        List<Map<String, String>> forms = new ArrayList<>();
        for (String scope : List.of(app.scopeA, app.scopeB, app.scopeA + " " + app.scopeB)) {
            Map<String, String> params = app.params(Pkce.create());
            params.put("scope", scope);
            Response page = browser.get(OAuth.authorizeUrl(params));
            assertEquals(200, page.statusCode(), page.asString());
            Map<String, String> form = Browser.hiddenFields(page.asString());
            form.put("decision", "allow");
            forms.add(form);
        }
        List<Integer> statuses = together(forms.size() * 3, () -> {
            Map<String, String> form = forms.get((int) (Thread.currentThread().getId() % forms.size()));
            return browser.post("/oauth2/authorize/consent", form).statusCode();
        });
        assertTrue(statuses.stream().allMatch(s -> s == 303), statuses.toString());
        var rows = Db.rows("select array_to_string(scopes, ' ') as s from consent c join app_user u on u.id = c.user_id "
                + "where u.username = ?", app.username);
        assertEquals(1, rows.size());
        String scopes = (String) rows.get(0).get("s");
        assertTrue(scopes.contains(app.scopeA) && scopes.contains(app.scopeB), scopes);
    }

    @Test
    void whenSecretRotatedConcurrentlyThenExactlyOneReturnedSecretWorks() throws Exception {
        OAuth app = OAuth.confidential();
        List<String> secrets = together(6, () -> api().post("/api/v1/clients/" + app.clientId + "/secret")
                .then().statusCode(200).extract().<String>path("client_secret"));
        long working = secrets.stream().distinct().filter(secret -> Tokens.post("/oauth2/token", app.clientId, secret,
                form("grant_type", "client_credentials")).statusCode() == 200).count();
        assertEquals(1, working, "one consistent secret");
        assertEquals(6, secrets.stream().distinct().count());
    }

}
