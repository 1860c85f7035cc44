package dev.latchkey.it;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;

/** Debian's headless Chromium under Selenium (nothing downloads a browser), and screenshots of what it shows. */
final class Chromium {
    static final Path SHOTS = Path.of("target", "screenshots");

    private Chromium() {
    }

    /** A fresh browser (its own profile: no cookies) with a window of {@code width} × {@code height}. */
    static ChromeDriver start(int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=" + width + "," + height,
                "--user-data-dir=" + new File("target/chromium-" + System.nanoTime()).getAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    static void waitFor(WebDriver driver, Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(condition::apply);
    }

    /** The page as shown now, to {@code target/screenshots/<name>.png}. */
    static void screenshot(WebDriver driver, String name) throws IOException {
        Files.createDirectories(SHOTS);
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
