package dev.latchkey.http;

import dev.latchkey.policy.Parameters;
import dev.latchkey.policy.TokenReason;
import dev.latchkey.policy.Refusal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an {@code application/x-www-form-urlencoded} body strictly: the content type must say so, every
 * percent-escape must be valid, each name and value valid UTF-8 without NUL, and repeats are kept so
 * the policy can refuse them.
 */
public final class FormBody {
    private FormBody() {
    }

    /** The largest form the OAuth endpoints read; a real request is a few hundred bytes. */
    public static final int MAX_BYTES = 64 * 1024;
    /** The most parameters a form or query may carry; a real request has about ten. */
    public static final int MAX_PARAMETERS = 100;

    public static Parameters parse(String contentType, byte[] body) {
        if (body != null && body.length > MAX_BYTES) {
            throw new Refusal(TokenReason.REQUEST_TOO_LARGE, "the body has " + body.length + " bytes; at most "
                    + MAX_BYTES + " are read");
        }
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).trim()
                .matches("application/x-www-form-urlencoded\\s*(;.*)?")) {
            throw new Refusal(TokenReason.REQUEST_CONTENT_TYPE, contentType == null ? "no Content-Type was sent" : null);
        }
        return pairs(body);
    }

    /** A URL's raw query string, read by the same strict rules. */
    public static Parameters query(String rawQuery) {
        return pairs(rawQuery == null ? new byte[0] : rawQuery.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Parameters pairs(byte[] body) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        int start = 0;
        int length = body == null ? 0 : body.length;
        int count = 0;
        while (start < length) {
            if (++count > MAX_PARAMETERS) {
                throw new Refusal(TokenReason.REQUEST_TOO_LARGE, "more than " + MAX_PARAMETERS + " parameters");
            }
            int end = start;
            while (end < length && body[end] != '&') {
                end++;
            }
            if (end > start) {
                int eq = start;
                while (eq < end && body[eq] != '=') {
                    eq++;
                }
                String name = decode(body, start, eq);
                String value = eq < end ? decode(body, eq + 1, end) : "";
                values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
            start = end + 1;
        }
        return Parameters.of(values);
    }

    private static String decode(byte[] body, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b == '+') {
                out.write(' ');
            } else if (b == '%') {
                int hi = i + 2 <= to - 1 ? Character.digit(body[i + 1], 16) : -1;
                int lo = i + 2 <= to - 1 ? Character.digit(body[i + 2], 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw new Refusal(TokenReason.REQUEST_MALFORMED, "bad percent-encoding");
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.write(b);
            }
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray())).toString();
            if (text.indexOf('\0') >= 0) {
                throw new Refusal(TokenReason.REQUEST_MALFORMED, "a value contains a NUL character");
            }
            return text;
        } catch (CharacterCodingException e) {
            throw new Refusal(TokenReason.REQUEST_MALFORMED, "a name or value is not UTF-8");
        }
    }
}
