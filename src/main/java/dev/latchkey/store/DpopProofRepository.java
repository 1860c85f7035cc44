package dev.latchkey.store;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The DPoP proofs seen (RFC 9449 §11.1), shared by every instance: a row per proof while its iat is inside the
 * acceptance window, deleted by the purge after.
 *
 * <p>Proofs are recorded in batches by one writer thread on a connection of its own: whatever arrived while the
 * previous statement ran goes in the next one, so under load one round trip serves many requests, and nobody waits
 * on a thread of the request's own (the token endpoint stays on the event loop). A second writer made smaller
 * batches and less throughput. A statement, not the entity model: the insert is the
 * check, so a proof is accepted once even when two instances see it at the same moment (bench/ab/18-dpop-par.md
 * has the measurement: one transaction per proof on a worker thread gave a fifth of the plain rate).
 */
@ApplicationScoped
public class DpopProofRepository {
    private static final String FIRST_USES = "insert into dpop_proof (proof_hash, expires_at) "
            + "select h, ? from unnest(?::bytea[]) h on conflict (proof_hash) do nothing returning proof_hash";
    private static final int BATCH = 256;

    private record Pending(byte[] hash, Instant until, CompletableFuture<Boolean> answer) {
    }

    private final AgroalDataSource dataSource;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(16 * BATCH);
    private volatile Thread writer;
    private volatile boolean running = true;

    public DpopProofRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Records the proof; completes with false when it was recorded before (a replay), exceptionally with a
     * {@link StoreException} when the database cannot be reached.
     */
    public CompletableFuture<Boolean> firstUse(byte[] proofHash, Instant rememberUntil) {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        startWriter();
        if (!running || !queue.offer(new Pending(proofHash, rememberUntil, answer))) {
            answer.completeExceptionally(new StoreException(FIRST_USES,
                    new SQLException("the DPoP proof queue is full", "53000")));
        }
        return answer;
    }

    private void startWriter() {
        if (writer == null) {
            synchronized (this) {
                if (writer == null) {
                    Thread t = new Thread(this::run, "dpop-proof-writer");
                    t.setDaemon(true);
                    t.start();
                    writer = t;
                }
            }
        }
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (writer != null) {
            writer.interrupt();
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(BATCH);
        Connected connected = new Connected();
        while (running) {
            try {
                batch.add(queue.take());
                queue.drainTo(batch, BATCH - 1);
                answer(batch, connected);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                batch.clear();
            }
        }
        connected.close();
        Pending left;
        while ((left = queue.poll()) != null) {
            left.answer().completeExceptionally(new IllegalStateException("shutting down"));
        }
    }

    /** The writer's own connection and statement, kept between batches; opened again after a failure. */
    private final class Connected {
        private Connection connection;
        private PreparedStatement statement;

        PreparedStatement statement() throws SQLException {
            if (statement == null) {
                connection = dataSource.getConnection();
                statement = connection.prepareStatement(FIRST_USES);
            }
            return statement;
        }

        void close() {
            try {
                if (connection != null) {
                    connection.close();
                }
            } catch (SQLException e) {
                // closing a broken connection: nothing more to do
            }
            connection = null;
            statement = null;
        }
    }

    /** One statement for the batch; a hash twice in the batch is a replay from the second on. */
    private void answer(List<Pending> batch, Connected writer) {
        Set<ByteBuffer> inBatch = new HashSet<>();
        List<byte[]> hashes = new ArrayList<>(batch.size());
        Instant until = Instant.EPOCH;
        for (Pending p : batch) {
            if (inBatch.add(ByteBuffer.wrap(p.hash()))) {
                hashes.add(p.hash());
            }
            until = p.until().isAfter(until) ? p.until() : until;
        }
        Set<ByteBuffer> inserted = new HashSet<>();
        try {
            PreparedStatement st = writer.statement();
            st.setObject(1, until.atOffset(ZoneOffset.UTC));
            st.setArray(2, st.getConnection().createArrayOf("bytea", hashes.toArray(new byte[0][])));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    inserted.add(ByteBuffer.wrap(rs.getBytes(1)));
                }
            }
        } catch (SQLException | RuntimeException e) {
            writer.close();
            RuntimeException failed = e instanceof SQLException sql ? new StoreException(FIRST_USES, sql)
                    : (RuntimeException) e;
            batch.forEach(p -> p.answer().completeExceptionally(failed));
            return;
        }
        for (Pending p : batch) {
            // the first of equal hashes takes the insert; remove() leaves none for a second
            p.answer().complete(inserted.remove(ByteBuffer.wrap(p.hash())));
        }
    }
}
