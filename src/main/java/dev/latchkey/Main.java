package dev.latchkey;

import dev.latchkey.token.CryptoProviders;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/** The packaged application's entry point: starts what can load beside Quarkus' own boot, then Quarkus. */
@QuarkusMain
public class Main {
    public static void main(String... args) {
        CryptoProviders.Preload.start();
        Quarkus.run(args);
    }
}
