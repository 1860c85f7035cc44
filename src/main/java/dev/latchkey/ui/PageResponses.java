package dev.latchkey.ui;

import dev.latchkey.policy.Refusal;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Duration;

/** The answers every browser page gives alike: a rendered page, and the pages for an unreadable or stale form. */
public final class PageResponses {
    private static final String HTML = MediaType.TEXT_HTML + ";charset=UTF-8";

    private PageResponses() {
    }

    public static Response.ResponseBuilder page(int status, TemplateInstance template) {
        return Response.status(status).type(HTML).entity(template.render());
    }

    /** A query or form that cannot be read (bad escapes, not UTF-8, wrong content type, too large): a page, never a redirect. */
    public static Response unreadable(String title, Refusal refusal) {
        // 400, or 413 for a request too large to read
        return page(refusal.reason().mapping().strict().status(), Pages.error(title, refusal.description())).build();
    }

    /** A form whose CSRF token is missing or not this browser's; {@code whatNow} tells the user how to go on. */
    public static Response csrfRefused(String whatNow) {
        return page(400, Pages.error("This form has expired",
                "The form's security token is missing or does not match this browser. Nothing was done; " + whatNow))
                .build();
    }

    /** 429 with {@code Retry-After}: {@code what} happened too often from here. */
    public static Response throttled(Duration wait, String what) {
        long seconds = wait.getSeconds();
        return page(429, Pages.error("Too many attempts", what + " Wait " + seconds + " seconds, then try again."))
                .header("Retry-After", seconds).build();
    }
}
