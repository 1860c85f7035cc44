package dev.latchkey.ui;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import java.util.List;

/** The login, consent and error pages (templates/Pages/*.html), checked at build time. */
@CheckedTemplate(basePath = "Pages")
public class Pages {

    /** A scope the consent page asks about. */
    public record Scope(String name, String description) {
    }

    /** A parameter of the authorization request, carried through a form as a hidden field. */
    public record Hidden(String name, String value) {
    }

    /** @param action where the form posts: the authorization endpoint's login, or the device page's */
    public static native TemplateInstance login(String action, String clientName, List<Hidden> request, String csrf,
                                                String username, String message);

    /**
     * @param resources  the APIs the access is for (RFC 8707), as "name (URI)"; empty for this server's default
     * @param unverified the client registered itself: its name is only its own claim
     * @param note       a warning above the buttons, or null
     */
    public static native TemplateInstance consent(String action, String clientName, List<Scope> scopes,
                                                  List<Hidden> request, String csrf, boolean offerRemember,
                                                  List<String> resources, boolean unverified, String note);

    /**
     * Where a person types the code a device shows (RFC 8628 §3.3).
     *
     * @param userCode what to fill the field with (from verification_uri_complete), or null
     */
    public static native TemplateInstance device(String csrf, String userCode, String message);

    /** The device flow's last page: approved or declined; the device takes it from here. */
    public static native TemplateInstance deviceDone(String title, String text);

    /** Asks the signed-in user before an RP-initiated logout that does not prove it comes from their app. */
    public static native TemplateInstance confirmLogout(String clientName, List<Hidden> request, String csrf);

    /** After RP-initiated logout without a registered place to return to. */
    public static native TemplateInstance signedOut(String clientName);

    public static native TemplateInstance error(String title, String description);
}
