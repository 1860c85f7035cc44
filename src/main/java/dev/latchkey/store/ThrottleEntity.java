package dev.latchkey.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A failure counter for a rate limit, in a fixed window, shared by every instance. */
@Entity
@Table(name = "throttle")
public class ThrottleEntity {
    @Id
    @Column(name = "key")
    public String throttleKey;

    @Column(name = "window_start")
    public Instant windowStart;

    public int failures;
}
