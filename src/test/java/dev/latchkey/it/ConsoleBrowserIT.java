package dev.latchkey.it;

import dev.latchkey.support.Pkce;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin console as an operator uses it, in headless Chromium against the packaged server: sign in through
 * the server's own login page, create a client and copy its secret, get a token with it, rotate the secret,
 * withdraw a user's grant, read the audit trail; a user without the admin role is refused. Every page is
 * audited with axe-core (WCAG 2.1 A/AA) at desktop and phone width, and photographed to target/screenshots.
 */
class ConsoleBrowserIT {
    static PackagedApp app;
    static String admin;

    ChromeDriver driver;
    final List<String> audits = new ArrayList<>();

    @BeforeAll
    static void start() {
        app = PackagedApp.shared();
        admin = ItClients.unique("it-admin");
        ItClients.admin(app).body(Map.of("username", admin, "password", ItClients.PASSWORD, "roles", List.of("admin"),
                "name", "Ada Admin")).post("/api/v1/users").then().statusCode(201);
    }

    @AfterEach
    void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void whenAdminWorksThroughTheConsoleThenEveryChangeTakesEffectAndIsAudited() throws Exception {
        // a user who has allowed an app, so that there is a grant to withdraw
        var app1 = ItClients.register(app, "confidential", List.of("http://127.0.0.1:9/cb"),
                List.of("authorization_code", "refresh_token"));
        Pkce pkce = Pkce.create();
        String code = new ItBrowser().code(app, app1, "http://127.0.0.1:9/cb", pkce).get("code");
        String refresh = given().baseUri(app.baseUrl()).auth().preemptive().basic(app1.clientId(), app1.clientSecret())
                .formParam("grant_type", "authorization_code").formParam("code", code)
                .formParam("redirect_uri", "http://127.0.0.1:9/cb").formParam("code_verifier", pkce.verifier())
                .post("/oauth2/token").then().statusCode(200).extract().path("refresh_token");

        driver = Chromium.start(1280, 900);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        signIn(admin);
        waitFor(d -> d.getTitle().startsWith("Clients"));
        page("console-clients");

        // keyboard: the first Tab reaches the navigation, and focus is visible
        new Actions(driver).sendKeys(Keys.TAB).perform();
        WebElement focused = driver.switchTo().activeElement();
        assertEquals("Clients", focused.getText());
        assertNotEquals("none", focused.getCssValue("outline-style"), "focus is visible");

        // a new confidential client for machine tokens
        driver.findElement(By.linkText("New client")).click();
        waitFor(d -> d.getTitle().startsWith("New client"));
        page("console-client-new");
        String name = ItClients.unique("Console app");
        driver.findElement(By.id("name")).sendKeys(name);
        for (WebElement box : driver.findElements(By.name("grant_types"))) {
            if (box.isSelected() != "client_credentials".equals(box.getAttribute("value"))) {
                box.click();
            }
        }
        driver.findElement(By.id("allowed_scopes")).sendKeys(app1.scope());
        driver.findElement(By.id("default_scopes")).sendKeys(app1.scope());
        driver.findElement(By.cssSelector("main button[type=submit]")).click();
        waitFor(d -> !d.findElements(By.id("secret")).isEmpty());
        page("console-client-secret");
        String clientId = driver.findElement(By.cssSelector("main code")).getText();

        // copy the secret with the button, and use what was copied
        driver.setPermission("clipboard-read", "granted");
        driver.setPermission("clipboard-write", "granted");
        WebElement copy = driver.findElement(By.cssSelector("button[data-copy=secret]"));
        copy.click();
        waitFor(d -> copy.getText().equals("Copied"));
        String secret = (String) driver.executeAsyncScript(
                "navigator.clipboard.readText().then(arguments[arguments.length - 1])");
        assertEquals(driver.findElement(By.id("secret")).getAttribute("value"), secret);
        machineToken(clientId, secret, 200);

        // the client's page, its edit form and the question before deleting, then a new secret
        driver.findElement(By.linkText("Go to the client")).click();
        waitFor(d -> d.getTitle().startsWith(name));
        assertFalse(driver.getPageSource().contains(secret), "the secret is shown only once");
        page("console-client");
        driver.findElement(By.linkText("Edit")).click();
        waitFor(d -> d.getTitle().startsWith("Edit"));
        page("console-client-edit");
        driver.navigate().back();
        driver.findElement(By.linkText("Delete…")).click();
        waitFor(d -> d.getTitle().startsWith("Delete"));
        page("console-client-delete");
        driver.findElement(By.linkText("Cancel")).click();
        waitFor(d -> d.getTitle().startsWith(name));
        driver.findElement(By.xpath("//button[text()='Rotate the secret']")).click();
        waitFor(d -> !d.findElements(By.id("secret")).isEmpty());
        String rotated = driver.findElement(By.id("secret")).getAttribute("value");
        machineToken(clientId, secret, 401);
        machineToken(clientId, rotated, 200);

        // withdraw the user's grant: their refresh token stops working
        driver.findElement(By.linkText("Users")).click();
        waitFor(d -> d.getTitle().startsWith("Users"));
        page("console-users");
        driver.get(app.baseUrl() + "/console/users/" + app1.username());
        page("console-user");
        driver.findElement(By.cssSelector("button[aria-label^='Withdraw the grant']")).click();
        waitFor(d -> d.getPageSource().contains("has allowed no client"));
        given().baseUri(app.baseUrl()).auth().preemptive().basic(app1.clientId(), app1.clientSecret())
                .formParam("grant_type", "refresh_token").formParam("refresh_token", refresh)
                .post("/oauth2/token").then().statusCode(400);
        driver.findElement(By.linkText("Edit")).click();
        waitFor(d -> d.getTitle().startsWith("Edit"));
        page("console-user-edit");
        driver.get(app.baseUrl() + "/console/users/new");
        page("console-user-new");

        for (var section : Map.of("Scopes", "Scopes", "Resources", "Resources", "Registration tokens",
                "Registration tokens", "Keys", "Signing keys").entrySet()) {
            driver.findElement(By.linkText(section.getKey())).click();
            waitFor(d -> d.getTitle().startsWith(section.getValue()));
            page("console-" + section.getKey().toLowerCase().replace(' ', '-'));
        }

        // the audit trail names the administrator for each change
        driver.findElement(By.linkText("Audit trail")).click();
        waitFor(d -> d.getTitle().startsWith("Audit trail"));
        driver.findElement(By.id("actor")).sendKeys(admin);
        driver.findElement(By.xpath("//button[text()='Filter']")).click();
        long deadline = System.currentTimeMillis() + 15_000;
        while (!(driver.getPageSource().contains("rotated the secret")
                && driver.getPageSource().contains("withdrew the grant")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(300); // the trail is written in the background
            driver.navigate().refresh();
        }
        assertTrue(driver.getPageSource().contains("created client " + name), driver.getPageSource());
        assertTrue(driver.getPageSource().contains("rotated the secret"));
        assertTrue(driver.getPageSource().contains("withdrew the grant of " + app1.username()));
        page("console-audit");

        // a phone's width: the same pages, nothing wider than the screen
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        for (String path : List.of("/console/clients", "/console/audit", "/console/clients/new",
                "/console/clients/" + clientId)) {
            driver.get(app.baseUrl() + path);
            page("console-phone-" + path.substring(9).replace('/', '-'));
            Long overflow = (Long) driver.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertTrue(overflow <= 0, path + " is " + overflow + " px wider than a phone's screen");
        }

        driver.findElement(By.xpath("//button[text()='Sign out']")).click();
        waitFor(d -> d.getTitle().startsWith("Signed out"));
        driver.get(app.baseUrl() + "/console/clients");
        waitFor(d -> d.getTitle().startsWith("Sign in"));
        assertEquals(List.of(), audits, "accessibility audit (axe-core, WCAG 2.1 A/AA) of every page");
    }

    @Test
    void whenUserWithoutTheAdminRoleSignsInThenRefused() throws Exception {
        String user = ItClients.unique("it-user");
        ItClients.admin(app).body(Map.of("username", user, "password", ItClients.PASSWORD)).post("/api/v1/users")
                .then().statusCode(201);
        driver = Chromium.start(1280, 900);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        signIn(user);
        waitFor(d -> d.getTitle().startsWith("Not an administrator"));
        assertTrue(driver.getPageSource().contains("admin role"));
        page("console-refused");
        // the audit finds what it is there to find: a field without a label
        driver.executeScript("document.querySelector('main').appendChild(document.createElement('input'))");
        assertTrue(Axe.violations(driver).stream().anyMatch(v -> v.startsWith("label ")), "axe reports it");
        driver.get(app.baseUrl() + "/console/clients");
        assertFalse(driver.getTitle().startsWith("Clients"), "no console page without the role");
        assertEquals(List.of(), audits);
    }

    private void signIn(String username) throws Exception {
        driver.get(app.baseUrl() + "/console");
        waitFor(d -> d.getTitle().startsWith("Sign in"));
        Chromium.screenshot(driver, "console-sign-in");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(ItClients.PASSWORD);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
    }

    /** Audits the page shown (kept for one assertion at the end, so every page is looked at) and photographs it. */
    private void page(String name) throws Exception {
        for (String violation : Axe.violations(driver)) {
            audits.add(name + ": " + violation);
        }
        Chromium.screenshot(driver, name);
    }

    private void machineToken(String clientId, String secret, int status) {
        given().baseUri(app.baseUrl()).auth().preemptive().basic(clientId, secret)
                .formParam("grant_type", "client_credentials").post("/oauth2/token").then().statusCode(status);
    }

    private void waitFor(java.util.function.Function<WebDriver, Boolean> condition) {
        Chromium.waitFor(driver, condition);
    }
}
