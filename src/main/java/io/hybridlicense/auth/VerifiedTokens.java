package io.hybridlicense.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.hybridlicense.auth.api.VerifiedToken;
import java.time.Instant;
import java.util.Optional;

/**
 * Successful verifications, remembered per (audience, token string): a token string's signature and
 * claims never change, so only {@code exp} needs checking again. Clients validate the same license
 * token many times, and the RSA check is the costliest step of validation after the row read.
 * Bounded; least useful entries are evicted first.
 */
final class VerifiedTokens {

    private record Key(String audience, String token) {
    }

    private record Entry(VerifiedToken token, Instant expiresAt) {
    }

    private final Cache<Key, Entry> entries;

    VerifiedTokens(long maximumSize) {
        this.entries = Caffeine.newBuilder().maximumSize(maximumSize).build();
    }

    void remember(String audience, String token, VerifiedToken verified, Instant expiresAt) {
        if (verified.state() == VerifiedToken.State.VALID) {
            entries.put(new Key(audience, token), new Entry(verified, expiresAt));
        }
    }

    /** The remembered outcome as of {@code now}: still valid, or expired since; empty if not remembered. */
    Optional<VerifiedToken> lookup(String audience, String token, Instant now) {
        Entry entry = entries.getIfPresent(new Key(audience, token));
        if (entry == null) {
            return Optional.empty();
        }
        return Optional.of(entry.expiresAt().isAfter(now) ? entry.token()
                : new VerifiedToken(VerifiedToken.State.EXPIRED, entry.token().claims()));
    }
}
