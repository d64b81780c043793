package io.hybridlicense.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHasherTest {

    private final PasswordHasher weak = new PasswordHasher(1024, 1, 1);
    private final PasswordHasher stronger = new PasswordHasher(2048, 2, 1);

    @Test
    void hashesWithArgon2id_keepingTheParametersInTheHash() {
        String hash = weak.hash("correct horse battery");

        assertThat(hash).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");
        assertThat(weak.matches("correct horse battery", hash)).isTrue();
        assertThat(weak.matches("wrong horse battery", hash)).isFalse();
    }

    @Test
    void saltsEveryHash() {
        assertThat(weak.hash("same password")).isNotEqualTo(weak.hash("same password"));
    }

    @Test
    void checksHashesMadeWithOtherParameters() {
        assertThat(stronger.matches("correct horse battery", weak.hash("correct horse battery"))).isTrue();
    }

    @Test
    void asksForRehash_onlyWhenTheConfiguredCostRose() {
        assertThat(stronger.needsRehash(weak.hash("pw-1234567890"))).isTrue();
        assertThat(weak.needsRehash(stronger.hash("pw-1234567890"))).isFalse();
        assertThat(weak.needsRehash(weak.hash("pw-1234567890"))).isFalse();
    }

    @Test
    void rejectsGarbageHashesWithoutThrowing() {
        assertThat(weak.matches("anything", "not-a-hash")).isFalse();
    }

    /** Made by password4j 1.8.4 (the hasher before Bouncy Castle): stored hashes keep working. */
    @ParameterizedTest
    @ValueSource(strings = {
            "$argon2id$v=19$m=1024,t=1,p=1$Z7my8SOEPG/+kWIvSaxuCA$aJ9C3C6ftKgc6+MJDGgb8RXotHNPIo4wzF4MDwyNv+8",
            "$argon2id$v=19$m=2048,t=2,p=2$NnBE/p0j2QDNzGZpRwslEA$jFexbpBolDhMkaf3kc+VLQWOfR9F+PHenDhA2KxJqL8",
            "$argon2id$v=19$m=19456,t=2,p=1$sGk8qDW8hD5UPANa3Clrqw$JtLggkWZ8pjNavF5uAk4KyrVxm2bh12SR94s5yr0J54"})
    void checksHashesMadeByAnotherImplementation(String hash) {
        assertThat(weak.matches("correct horse battery staple — ü", hash)).isTrue();
        assertThat(weak.matches("correct horse battery staple — u", hash)).isFalse();
    }

    @Test
    void reusesTheMemoryOfEarlierHashes() {
        PasswordHasher hasher = new PasswordHasher(8192, 1, 1, 1, Duration.ofSeconds(1));
        String hash = hasher.hash("pw-1234567890");

        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        assertThat(hasher.matches("pw-1234567890", hash)).isTrue();
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(allocated).as("bytes allocated by one check of an 8 MiB hash").isLessThan(1024 * 1024);
    }

    @Test
    void rejectsMalformedHashesWithoutThrowing() {
        assertThat(weak.matches("x", "$argon2id$v=19$m=0,t=0,p=0$Z7my8SOEPG/+kWIvSaxuCA$aJ9C3C6ftKgc6+MJDGgb8RXotHNPIo4wzF4MDwyNv+8")).isFalse();
        assertThat(weak.matches("x", "$argon2id$v=19$m=1024,t=1,p=1$***********$aJ9C3C6ftKgc6")).isFalse();
        assertThat(weak.matches("x", "$argon2id$v=19$m=1024,t=1,p=1$Z7my8SOEPG/+kWIvSaxuCA$a")).isFalse();
    }
}
