package dev.latchkey.http;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * Documents the management API's error answers ({@link ApiError}, docs/errors.md) and its bearer key on every
 * {@code /api/v1} operation, so the document shows what a client must handle, not only the happy path.
 */
@OpenApiFilter
public class OpenApiErrors implements OASFilter {
    private static final Map<String, String> ERRORS = Map.of(
            "400", "Malformed body, missing or invalid field, duplicate name",
            "401", "Missing or invalid admin API key",
            "404", "No such resource or path",
            "405", "Wrong HTTP method for the path (see the Allow header)",
            "415", "Body not application/json",
            "500", "A bug; the description carries a reference to the server log",
            "503", "Database unavailable (see Retry-After)");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Schema error = OASFactory.createSchema()
                .type(List.of(Schema.SchemaType.OBJECT))
                .addProperty("message", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .description("Status code and reason, e.g. 404 Not Found"))
                .addProperty("description", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .description("What exactly was wrong"))
                .required(List.of("message", "description"));
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema("ApiError", error);
        openAPI.getComponents().addSecurityScheme("adminApiKey", OASFactory.createSecurityScheme()
                .type(org.eclipse.microprofile.openapi.models.security.SecurityScheme.Type.HTTP)
                .scheme("bearer")
                .description("The admin API key (LATCHKEY_ADMIN_API_KEY)"));
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (!Paths.under(path, Paths.MANAGEMENT)) {
                return;
            }
            item.getOperations().values().forEach(operation -> {
                operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("adminApiKey"));
                // replaces the generated bare "400 Bad Request" too: every error has the ApiError body
                ERRORS.forEach((status, text) -> operation.getResponses().addAPIResponse(status,
                        OASFactory.createAPIResponse()
                                .description(text)
                                .content(OASFactory.createContent().addMediaType("application/json",
                                        OASFactory.createMediaType().schema(
                                                OASFactory.createSchema().ref("#/components/schemas/ApiError"))))));
            });
        });
    }
}
