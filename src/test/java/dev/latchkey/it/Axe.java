package dev.latchkey.it;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The axe-core accessibility audit (Deque's engine, pinned in the pom) run on the page the browser shows: WCAG 2.1
 * A and AA and axe's best practices. The engine is injected with {@code executeScript}, which the pages' CSP does
 * not govern, so the pages need no exception for it.
 */
final class Axe {
    private static final String ENGINE = load();
    private static final String RUN = """
            const done = arguments[arguments.length - 1];
            axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})
              .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '
                  + v.nodes.map(n => n.target.join(' ')).join(', '))))
              .catch(e => done(['axe did not run: ' + e]));
            """;

    private Axe() {
    }

    /** What the audit finds wrong with the current page: empty when it passes. */
    @SuppressWarnings("unchecked")
    static List<String> violations(WebDriver driver) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript(ENGINE);
        return (List<String>) js.executeAsyncScript(RUN);
    }

    private static String load() {
        try (InputStream in = Axe.class.getClassLoader().getResourceAsStream("axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js is not on the test classpath (com.deque.html.axe-core)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
