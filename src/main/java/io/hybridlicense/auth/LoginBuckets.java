package io.hybridlicense.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Token buckets in {@code auth.login_buckets}, shared by every instance on the database. Each bucket is
 * a token bucket refilled greedily (one token every {@code period / capacity}), kept as the generic
 * cell rate algorithm keeps it: the time at which it is full again. Taking a token is one call of
 * {@code auth.take_login_token} on autocommit, an upsert that locks the row, so the check and the take
 * are one atomic step however many instances ask at once (migration V2026.12.03.1200). Failures are
 * {@link PersistenceException}s, so that no free pooled connection answers 503 like everywhere else.
 */
@ApplicationScoped
class LoginBuckets {

    private static final String TAKE = "SELECT took, full_again_at FROM auth.take_login_token(?, ?, ? * interval '1 microsecond', "
            + "? * interval '1 microsecond')";
    private static final String GIVE_BACK =
            "UPDATE auth.login_buckets SET full_at = full_at - ? * interval '1 microsecond' WHERE bucket = ?";
    private static final String FORGET_FULL = "DELETE FROM auth.login_buckets WHERE full_at <= ?";

    private final DataSource dataSource;

    LoginBuckets(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Takes one token from the bucket {@code key} of {@code capacity} tokens refilled over {@code period}.
     *
     * @return empty when a token was taken; otherwise how long until one is available
     */
    Optional<Duration> take(String key, int capacity, Duration period, Instant now) {
        Duration step = period.dividedBy(capacity);
        try (Connection connection = dataSource.getConnection(); PreparedStatement take = connection.prepareStatement(TAKE)) {
            take.setBytes(1, digest(key));
            take.setObject(2, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            take.setLong(3, micros(step));
            take.setLong(4, micros(period));
            try (ResultSet row = take.executeQuery()) {
                row.next();
                if (row.getBoolean(1)) {
                    return Optional.empty();
                }
                Instant nextToken = row.getObject(2, OffsetDateTime.class).toInstant().plus(step).minus(period);
                return Optional.of(Duration.between(now, nextToken));
            }
        } catch (SQLException e) {
            throw new PersistenceException("Could not take a rate-limit token", e);
        }
    }

    /** Returns one token taken from the bucket (a no-op if the bucket was full and forgotten meanwhile). */
    void giveBack(String key, int capacity, Duration period) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement giveBack = connection.prepareStatement(GIVE_BACK)) {
            giveBack.setLong(1, micros(period.dividedBy(capacity)));
            giveBack.setBytes(2, digest(key));
            giveBack.executeUpdate();
        } catch (SQLException e) {
            throw new PersistenceException("Could not give a rate-limit token back", e);
        }
    }

    /** Deletes the buckets that are full as of {@code now}: they hold no information. */
    int forgetFull(Instant now) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement forget = connection.prepareStatement(FORGET_FULL)) {
            forget.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            return forget.executeUpdate();
        } catch (SQLException e) {
            throw new PersistenceException("Could not delete full rate-limit buckets", e);
        }
    }

    private static long micros(Duration duration) {
        return duration.toNanos() / 1000;
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
