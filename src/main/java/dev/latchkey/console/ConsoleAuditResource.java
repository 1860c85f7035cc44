package dev.latchkey.console;

import dev.latchkey.flow.AuditTrailFlow;
import dev.latchkey.flow.Page;
import dev.latchkey.http.Paths;
import dev.latchkey.policy.InvalidInput;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.latchkey.console.ConsoleRequests.PAGE;
import static dev.latchkey.console.ConsoleRequests.blankToNull;
import static dev.latchkey.console.ConsoleRequests.page;

/** {@code /console/audit}: the audit trail, newest first, filtered by type, client, actor and time, paged. */
@Path(Paths.CONSOLE + "/audit")
@ConsolePage
@Tag(name = "console")
public class ConsoleAuditResource {
    private static final String HOME = Paths.CONSOLE + "/audit";

    private final ConsoleRequests requests;
    private final AuditTrailFlow audit;

    public ConsoleAuditResource(ConsoleRequests requests, AuditTrailFlow audit) {
        this.requests = requests;
        this.audit = audit;
    }

    @GET
    @Operation(summary = "The audit trail, filtered and paged")
    public Response trail(@RestQuery String type, @RestQuery("client_id") String clientId, @RestQuery String actor,
                          @RestQuery String since, @RestQuery String until, @RestQuery String before,
                          @Context HttpHeaders headers) {
        return requests.signedIn(headers, frame -> {
            ConsolePages.AuditFilter filter = new ConsolePages.AuditFilter(blankToNull(type), blankToNull(clientId),
                    blankToNull(actor), blankToNull(since), blankToNull(until));
            List<String> types = audit.types();
            try {
                Page<AuditTrailFlow.AuditView> found = audit.page(new AuditTrailFlow.Filter(filter.type(),
                        filter.clientId(), filter.actor(), time(filter.since(), "since"),
                        time(filter.until(), "until"), cursor(before)), PAGE);
                Map<String, String> query = new LinkedHashMap<>();
                query.put("type", filter.type());
                query.put("client_id", filter.clientId());
                query.put("actor", filter.actor());
                query.put("since", filter.since());
                query.put("until", filter.until());
                return page(200, ConsolePages.audit(frame, filter, types, found.items().stream()
                        .map(e -> new ConsolePages.EventRow(ConsoleRequests.time(e.at()), e.type(), e.actor(), e.clientId(),
                                e.subject(), e.address(), e.detail())).toList(),
                        ConsoleRequests.next(HOME, query, found, "before"), null));
            } catch (InvalidInput invalid) {
                return page(400, ConsolePages.audit(frame, filter, types, List.of(), null, invalid.getMessage()));
            }
        });
    }

    /** A time from the form's {@code datetime-local} field (read as UTC), or an ISO-8601 instant. */
    static Instant time(String value, String field) {
        if (value == null) {
            return null;
        }
        try {
            return value.endsWith("Z") ? Instant.parse(value) : LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field + " must be a time such as 2026-11-30T09:15 (UTC)");
        }
    }

    private static Long cursor(String before) {
        try {
            return before == null ? null : Long.valueOf(before);
        } catch (NumberFormatException e) {
            throw new InvalidInput("before must be the id of an event, as the page's link gives it");
        }
    }
}
