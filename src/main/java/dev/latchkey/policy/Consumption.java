package dev.latchkey.policy;

/** What the store's single conditional statement did with a presented code or refresh token. */
public enum Consumption {
    /** This request consumed it: it was live, unused and the client's. */
    CONSUMED_NOW,
    /** It was consumed before: presenting it again is a replay. */
    USED_BEFORE,
    /** Unused, yet not consumable by this request (another client's, expired, or its grant revoked). */
    NOT_CONSUMED
}
