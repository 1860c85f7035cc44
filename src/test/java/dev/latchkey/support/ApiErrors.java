package dev.latchkey.support;

import io.restassured.response.Response;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.startsWith;

/** Asserts the management API's error format (docs/errors.md). */
public final class ApiErrors {
    private ApiErrors() {
    }

    public static Response assertError(Response response, int status, String message, String descriptionPart) {
        response.then()
                .statusCode(status)
                .contentType(startsWith("application/json"))
                .body("message", equalTo(status + " " + message))
                .body("description", allOf(not(emptyOrNullString()), containsString(descriptionPart)));
        return response;
    }
}
