package dev.latchkey.flow;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.latchkey.config.LatchkeyConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;

/** bcrypt for user passwords: slow on purpose (user passwords are guessable; client secrets are not). */
@ApplicationScoped
public class PasswordHasher {
    /** Compared against when the user does not exist, so both paths cost one bcrypt. */
    private final String dummyHash;
    private final int cost;

    public PasswordHasher(LatchkeyConfig config) {
        this.cost = config.password().bcryptCost();
        this.dummyHash = hash("not-a-real-password");
    }

    public String hash(String password) {
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    /** @param storedHash the user's hash, or null when there is no such user (still spends the time) */
    public boolean verify(String password, String storedHash) {
        byte[] candidate = (password == null ? "" : password).getBytes(StandardCharsets.UTF_8);
        if (candidate.length > 72) {
            // no stored password is this long (UserRules); spend the same time and refuse
            BCrypt.verifyer().verify(new byte[0], dummyHash.getBytes(StandardCharsets.UTF_8));
            return false;
        }
        boolean ok = BCrypt.verifyer().verify(candidate, (storedHash != null ? storedHash : dummyHash)
                .getBytes(StandardCharsets.UTF_8)).verified;
        return ok && storedHash != null;
    }
}
