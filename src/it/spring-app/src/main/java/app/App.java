package app;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** A page for signed-in users (oauth2Login), and an API for bearer tokens (resource server). */
@SpringBootApplication
@RestController
public class App {

    public static void main(String[] args) {
        SpringApplication.run(App.class, args);
    }

    /** Both in one chain: a bearer token is checked as such, a browser without one is sent to log in. */
    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .oauth2Login(Customizer.withDefaults())
                .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults()));
        return http.build();
    }

    /**
     * The README's recipe for Spring Boot 4: accept RFC 9068's {@code at+jwt} (Spring Security 7 accepts only
     * {@code JWT} by default). Unneeded when Latchkey runs with {@code LATCHKEY_ACCESS_TOKEN_TYP=JWT}.
     */
    @Bean
    @ConditionalOnProperty("app.accept-at-jwt")
    JwtDecoder jwtDecoder(@Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(issuer).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(new JwtIssuerValidator(issuer),
                new JwtTypeValidator(List.of("at+jwt", "JWT"))));
        return decoder;
    }

    /**
     * Boot registers the client without scopes when none are configured, so no scope is sent: Latchkey grants
     * the client's default scopes, and Spring, not having asked for {@code openid}, loads the user from the
     * userinfo endpoint (an {@link OAuth2User}); an app that sets {@code scope=openid,...} gets an OidcUser.
     */
    @GetMapping("/hello")
    String hello(@AuthenticationPrincipal OAuth2User user) {
        return "Hello, " + user.getAttribute("name") + " (" + user.getAttribute("preferred_username") + ")"
                + (user instanceof OidcUser oidc ? " signed in by an id_token of " + oidc.getIdToken().getIssuer() : "");
    }

    @GetMapping("/api/me")
    String me(@AuthenticationPrincipal Jwt jwt) {
        return "sub=" + jwt.getSubject() + " typ=" + jwt.getHeaders().get("typ");
    }
}
