package dev.latchkey.admin;

import dev.latchkey.http.Paths;
import dev.latchkey.policy.InvalidInput;
import dev.latchkey.flow.AuditTrailFlow;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The audit trail, newest first: filter by type, client_id, actor and time; page with limit and after (an id). */
@Path(Paths.MANAGEMENT + AuditResource.PATH)
@ManagementApi
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit")
public class AuditResource {
    static final String PATH = "/audit";


    public record AuditResponse(long id, Instant at, String type, String actor, String clientId, String subject,
                                String address, String detail) {
        static AuditResponse of(AuditTrailFlow.AuditView e) {
            return new AuditResponse(e.id(), e.at(), e.type(), e.actor(), e.clientId(), e.subject(), e.address(),
                    e.detail());
        }
    }

    private final AuditTrailFlow audit;
    private final Links links;

    public AuditResource(AuditTrailFlow audit, Links links) {
        this.audit = audit;
        this.links = links;
    }

    @GET
    public RestResponse<List<AuditResponse>> list(@RestQuery String type, @RestQuery("client_id") String clientId,
                                                  @RestQuery String actor, @RestQuery String since,
                                                  @RestQuery String until, @RestQuery String after,
                                                  @RestQuery String limit, UriInfo uri) {
        int max = Paging.limit(limit);
        var filter = new AuditTrailFlow.Filter(type, clientId, actor, instant("since", since), instant("until", until),
                cursor(after));
        return Paging.response(audit.page(filter, max), AuditResponse::of, uri, links);
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInput(name + " must be an ISO-8601 instant such as 2026-11-25T12:00:00Z");
        }
    }

    private static Long cursor(String after) {
        if (after == null || after.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(after);
        } catch (NumberFormatException e) {
            throw new InvalidInput("after must be the id of an event");
        }
    }
}
