package io.hybridlicense.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
}
