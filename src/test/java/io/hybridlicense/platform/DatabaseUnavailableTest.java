package io.hybridlicense.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParseException;
import io.vertx.core.VertxException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import org.junit.jupiter.api.Test;

/** Which failures count as the database being out of reach (503 + Retry-After) and which stay 500. */
class DatabaseUnavailableTest {

    @Test
    void aWriteToAConnectionTheDatabaseReset_is503() throws Exception {
        IOException reset = writeToAResetConnection();

        assertThat(DatabaseUnavailable.problemFor(new VertxException(reset), "/api/v1/licenses/validate"))
                .as("%s", reset).isNotNull().extracting("status").isEqualTo(503);
    }

    @Test
    void aWriteToAClosedChannel_is503() {
        assertThat(DatabaseUnavailable.problemFor(new java.nio.channels.ClosedChannelException(), "/x")).isNotNull();
    }

    @Test
    void aCommitThatFailedBecauseTheConnectionDropped_is503_thoughTheReasonIsOnlySuppressed() {
        // Narayana's shape (DeploymentIT saw it): RollbackException, the XAException suppressed, the driver's cause in it
        jakarta.transaction.RollbackException commit = new jakarta.transaction.RollbackException("ARJUNA016053: Could not commit transaction.");
        javax.transaction.xa.XAException xa = new javax.transaction.xa.XAException(javax.transaction.xa.XAException.XA_RBCOMMFAIL);
        xa.initCause(new java.sql.SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        commit.addSuppressed(xa);

        assertThat(DatabaseUnavailable.problemFor(new IllegalStateException(commit), "/api/v1/licenses/activate"))
                .as("the database may have committed before it went away: not 'retry', but 'unknown'")
                .isNotNull().extracting("status", "type").containsExactly(503, "urn:hybrid-license:problem:commit-outcome-unknown");
    }

    @Test
    void aStatementThatFailedBeforeTheCommit_isPlainlyUnavailable() {
        assertThat(DatabaseUnavailable.problemFor(new java.sql.SQLException("FATAL: terminating connection", "57P01"), "/x"))
                .extracting("type").isEqualTo("urn:hybrid-license:problem:database-unavailable");
    }

    @Test
    void aCycleOfCausesEnds() {
        Exception first = new Exception("first");
        Exception second = new Exception("second", first);
        first.addSuppressed(second);

        assertThat(DatabaseUnavailable.problemFor(second, "/x")).isNull();
    }

    @Test
    void otherIoFailures_stay500() {
        assertThat(DatabaseUnavailable.problemFor(new FileNotFoundException("keys.json"), "/x")).isNull();
        assertThat(DatabaseUnavailable.problemFor(new JsonParseException(null, "bad"), "/x")).isNull();
        assertThat(DatabaseUnavailable.problemFor(new IllegalStateException("bug"), "/x")).isNull();
    }

    /** What the JDK throws, not what we expect it to: the peer resets (linger 0), then we write until it fails. */
    private static IOException writeToAResetConnection() throws Exception {
        try (ServerSocket server = new ServerSocket(0);
             SocketChannel client = SocketChannel.open(new InetSocketAddress("127.0.0.1", server.getLocalPort()))) {
            Socket accepted = server.accept();
            accepted.setSoLinger(true, 0);
            accepted.close();
            for (int i = 0; i < 1000; i++) {
                try {
                    client.write(ByteBuffer.wrap(new byte[1024]));
                } catch (IOException failed) {
                    return failed;
                }
                Thread.sleep(5);
            }
            throw new AssertionError("the write never failed");
        }
    }
}
