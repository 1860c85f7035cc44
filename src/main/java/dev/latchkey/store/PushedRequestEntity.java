package dev.latchkey.store;

import dev.latchkey.policy.Parameters;
import dev.latchkey.policy.PushedRequestPolicy;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A pushed authorization request (RFC 9126), by the hash of its request_uri; its parameters form-encoded. */
@Entity
@Table(name = "pushed_authorization_request")
public class PushedRequestEntity {
    @Id
    @Column(name = "uri_hash")
    public byte[] uriHash;

    @Column(name = "client_id")
    public String clientId;

    public String parameters;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    public void setParameters(Parameters params) {
        StringBuilder out = new StringBuilder();
        params.asMap().forEach((name, values) -> values.forEach(value -> {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }));
        this.parameters = out.toString();
    }

    public PushedRequestPolicy.Stored stored() {
        Map<String, List<String>> raw = new LinkedHashMap<>();
        for (String pair : parameters.isEmpty() ? new String[0] : parameters.split("&")) {
            int eq = pair.indexOf('=');
            raw.computeIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return new PushedRequestPolicy.Stored(clientId, Parameters.of(raw));
    }
}
