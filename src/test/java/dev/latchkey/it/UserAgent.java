package dev.latchkey.it;

import dev.latchkey.support.Browser;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A browser without JavaScript for flows that cross hosts: keeps every host's cookies, follows redirects
 * itself, and on Latchkey's pages signs in and allows, as a user would.
 */
final class UserAgent {
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final String HTML = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8";
    private final ItClients.Registered user;

    UserAgent(ItClients.Registered user) {
        this.user = user;
    }

    /** Follows redirects from {@code start}, answering the login and consent pages, until a page that is neither. */
    HttpResponse<String> visit(URI start) throws IOException, InterruptedException {
        URI at = start;
        HttpResponse<String> response = get(at);
        for (int hops = 0; hops < 20; hops++) {
            if (response.statusCode() / 100 == 3) {
                at = at.resolve(response.headers().firstValue("Location").orElseThrow());
                response = get(at);
            } else if (response.statusCode() == 200 && response.body().contains("action=\"/oauth2/authorize/login\"")) {
                Map<String, String> form = Browser.hiddenFields(response.body());
                form.put("username", user.username());
                form.put("password", ItClients.PASSWORD);
                response = post(at.resolve("/oauth2/authorize/login"), form);
            } else if (response.statusCode() == 200 && response.body().contains("action=\"/oauth2/authorize/consent\"")) {
                Map<String, String> form = Browser.hiddenFields(response.body());
                form.put("decision", "allow");
                response = post(at.resolve("/oauth2/authorize/consent"), form);
            } else {
                return response;
            }
        }
        assertTrue(false, "more than 20 redirects from " + start);
        return response;
    }

    /** As a browser navigates: asking for HTML (frameworks choose a login redirect over a 401 by it). */
    HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).header("Accept", HTML).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(URI uri, Map<String, String> form) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).header("Accept", HTML)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(ItBrowser.encode(form))).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
