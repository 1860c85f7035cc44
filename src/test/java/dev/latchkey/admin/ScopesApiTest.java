package dev.latchkey.admin;

import dev.latchkey.support.Admin;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static dev.latchkey.support.Admin.api;
import static dev.latchkey.support.ApiErrors.assertError;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ScopesApiTest {

    @Test
    void whenScopeCreatedThen201WithLocationAndListed() {
        String name = Admin.unique("orders") + ":read";
        api().body(Map.of("name", name, "description", "Read orders")).post("/api/v1/scopes")
                .then().statusCode(201)
                .header("Location", endsWith("/api/v1/scopes/" + name))
                .body("name", equalTo(name))
                .body("description", equalTo("Read orders"))
                .body("created_at", notNullValue());
        api().queryParam("limit", 200).get("/api/v1/scopes").then().statusCode(200);
        // paging from just before the name finds it first
        api().queryParam("after", name.substring(0, name.length() - 1)).queryParam("limit", 1)
                .get("/api/v1/scopes").then().statusCode(200).body("[0].name", equalTo(name));
    }

    @Test
    void whenListHasMoreThanLimitThenLinkToNextPage() {
        String a = Admin.scope();
        String b = Admin.scope();
        String first = a.compareTo(b) < 0 ? a : b;
        String second = a.compareTo(b) < 0 ? b : a;
        var page = api().queryParam("limit", 1).queryParam("after", first.substring(0, first.length() - 1))
                .get("/api/v1/scopes");
        page.then().statusCode(200).body("$", hasSize(1)).body("[0].name", equalTo(first));
        String link = page.header("Link");
        assertNotNull(link, "a Link header to the next page");
        assertTrue(link.endsWith("; rel=\"next\""), link);
        String next = link.substring(link.indexOf('<') + 1, link.indexOf('>'));
        List<String> names = api().urlEncodingEnabled(false).get(next).then().statusCode(200).extract().jsonPath().getList("name");
        assertTrue(names.get(0).compareTo(first) > 0);
        assertTrue(names.get(0).compareTo(second) <= 0);
    }

    @Test
    void whenNameTakenThen400() {
        String name = Admin.scope();
        assertError(api().body(Map.of("name", name)).post("/api/v1/scopes"), 400, "Bad Request", "already exists");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"has space", "quote\"d", "back\\slash", "tab\tname", "é"})
    void whenNameBreaksRfc6749Then400(String name) {
        assertError(api().body(Map.of("name", name)).post("/api/v1/scopes"), 400, "Bad Request", "not a valid scope name");
    }

    @Test
    void whenNameMissingThen400() {
        assertError(api().body(Map.of("description", "x")).post("/api/v1/scopes"), 400, "Bad Request", "name is required");
    }

    @Test
    void whenDeletedThen204AndGone() {
        String name = Admin.scope();
        api().delete("/api/v1/scopes/" + name).then().statusCode(204);
        assertError(api().delete("/api/v1/scopes/" + name), 404, "Not Found", name);
    }

    @Test
    void whenScopeInUseByClientThenDeleteRefused() {
        var client = Admin.confidentialClient();
        @SuppressWarnings("unchecked")
        String used = ((List<String>) client.get("allowed_scopes")).get(0);
        assertError(api().delete("/api/v1/scopes/" + used), 400, "Bad Request", "allowed for 1 client");
        api().queryParam("after", used.substring(0, used.length() - 1)).queryParam("limit", 1)
                .get("/api/v1/scopes").then().body("name", hasItem(used));
        assertEquals(200, api().get("/api/v1/clients/" + client.get("client_id")).statusCode());
    }
}
