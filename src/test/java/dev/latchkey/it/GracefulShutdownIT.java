package dev.latchkey.it;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** SIGTERM while a request is in flight: the request completes, then the process exits. */
class GracefulShutdownIT {

    @Test
    void whenTerminatedDuringARequestThenItCompletesFirst() throws Exception {
        // a deliberately slow request: creating a user with a costly bcrypt (about a second)
        PackagedApp app = PackagedApp.start(Map.of("LATCHKEY_PASSWORD_BCRYPT_COST", "14"));
        try {
            HttpClient http = HttpClient.newHttpClient();
            CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(HttpRequest.newBuilder(
                            URI.create(app.baseUrl() + "/api/v1/users")).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + PackagedApp.ADMIN_KEY)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + ItClients.unique("late")
                            + "\",\"password\":\"a-slow-password\"}")).build(), HttpResponse.BodyHandlers.ofString());
            Thread.sleep(300);
            app.close(); // SIGTERM, then waits for the process to exit
            HttpResponse<String> response = inFlight.get(30, TimeUnit.SECONDS);
            assertEquals(201, response.statusCode(), response.body());
            assertFalse(app.alive());
        } finally {
            app.close();
        }
    }
}
