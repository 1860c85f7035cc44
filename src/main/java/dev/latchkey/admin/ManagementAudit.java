package dev.latchkey.admin;

import dev.latchkey.flow.AuditTrailFlow;
import dev.latchkey.http.Paths;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Every successful management change goes to the audit trail: what (method and path), who, from where. */
public class ManagementAudit {
    private static final String CLIENTS = Paths.MANAGEMENT + ClientResource.PATH + "/";
    private final AuditTrailFlow audit;

    public ManagementAudit(AuditTrailFlow audit) {
        this.audit = audit;
    }

    @ServerResponseFilter
    @ManagementApi
    public void record(ContainerRequestContext request, ContainerResponseContext response, HttpServerRequest http) {
        String method = request.getMethod();
        String path = request.getUriInfo().getPath();
        if (method.equals("GET") || method.equals("HEAD") || response.getStatus() >= 300) {
            return;
        }
        String created = response.getHeaderString("Location");
        String subject = created != null ? created.replaceFirst("^https?://[^/]+", "") : path;
        String clientId = subject.startsWith(CLIENTS) ? subject.substring(CLIENTS.length()).split("/", 2)[0] : null;
        audit.recordManagementChange(subject, clientId,
                http.remoteAddress() == null ? null : http.remoteAddress().hostAddress(),
                method + " " + path + " -> " + response.getStatus());
    }
}
