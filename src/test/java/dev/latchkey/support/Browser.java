package dev.latchkey.support;

import io.restassured.response.Response;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/** A browser without JavaScript: keeps the session cookie, reads and submits the forms, follows nothing by itself. */
public final class Browser {
    private static final java.util.Random RANDOM = new java.util.Random();
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

    /** Each browser comes from an address of its own (the test profile trusts X-Forwarded-For). */
    private final String address;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String cookie;
    /** Every other cookie the server set (the console's), by name. */
    private final Map<String, String> others = new LinkedHashMap<>();
    private Response last;

    public Browser() {
        this("10." + RANDOM.nextInt(256) + "." + RANDOM.nextInt(256) + "." + (1 + RANDOM.nextInt(254)));
    }

    public Browser(String address) {
        this.address = address;
    }

    /** A header sent with every later request ({@code Origin}, say). */
    public Browser header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Response get(String pathAndQuery) {
        var spec = given().redirects().follow(false).urlEncodingEnabled(false).header("X-Forwarded-For", address)
                .headers(headers);
        if (cookie != null) {
            spec.cookie("latchkey_session", cookie);
        }
        others.forEach(spec::cookie);
        return remember(spec.get(pathAndQuery));
    }

    /** Submits the page's form to {@code action} with its hidden fields plus {@code fields}. */
    public Response submit(String action, Map<String, String> fields) {
        Map<String, String> form = hiddenFields(last.asString());
        form.putAll(fields);
        return post(action, form);
    }

    /**
     * Submits the page's form keeping every hidden field, repeated ones too (RFC 8707 {@code resource}), plus
     * {@code fields}.
     */
    public Response submitAll(String action, Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        Matcher m = HIDDEN.matcher(last.asString());
        while (m.find()) {
            if (!fields.containsKey(m.group(1))) {
                body.append(body.isEmpty() ? "" : "&").append(OAuth.enc(m.group(1))).append('=')
                        .append(OAuth.enc(unescape(m.group(2))));
            }
        }
        fields.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(OAuth.enc(k)).append('=')
                .append(OAuth.enc(v)));
        var spec = given().redirects().follow(false).header("X-Forwarded-For", address).headers(headers)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8").body(body.toString());
        if (cookie != null) {
            spec.cookie("latchkey_session", cookie);
        }
        others.forEach(spec::cookie);
        return remember(spec.post(action));
    }

    public Response post(String action, Map<String, String> form) {
        var spec = given().redirects().follow(false).header("X-Forwarded-For", address).headers(headers)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8");
        if (cookie != null) {
            spec.cookie("latchkey_session", cookie);
        }
        others.forEach(spec::cookie);
        form.forEach(spec::formParam);
        return remember(spec.post(action));
    }

    public String address() {
        return address;
    }

    public String cookie() {
        return cookie;
    }

    public void cookie(String value) {
        this.cookie = value;
    }

    private Response remember(Response response) {
        for (String set : response.headers().getValues("Set-Cookie")) {
            String pair = set.substring(0, set.indexOf(';') < 0 ? set.length() : set.indexOf(';'));
            String name = pair.substring(0, pair.indexOf('='));
            String value = pair.substring(pair.indexOf('=') + 1);
            if (name.equals("latchkey_session")) {
                cookie = value;
            } else if (value.isEmpty() || set.contains("Max-Age=0")) {
                others.remove(name);
            } else {
                others.put(name, value);
            }
        }
        last = response;
        return response;
    }

    /** A cookie the server set other than the login session's, or null. */
    public String cookieNamed(String name) {
        return others.get(name);
    }

    public static Map<String, String> hiddenFields(String html) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = HIDDEN.matcher(html);
        while (m.find()) {
            fields.put(m.group(1), unescape(m.group(2)));
        }
        return fields;
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    /** The query parameters of a redirect's Location. */
    public static Map<String, String> query(String location) {
        Map<String, String> params = new LinkedHashMap<>();
        String query = URI.create(location).getRawQuery();
        if (query == null) {
            return params;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }
}
