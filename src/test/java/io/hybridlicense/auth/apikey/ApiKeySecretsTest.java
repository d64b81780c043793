package io.hybridlicense.auth.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeySecretsTest {

    private final ApiKeySecrets secrets = new ApiKeySecrets();

    @Test
    void aSecret_isTheSchemeThePrefixAnd32RandomBytesInBase62() {
        ApiKeySecrets.Secret secret = secrets.generate();

        assertThat(secret.value()).matches("hl_[0-9A-Za-z]{12}_[0-9A-Za-z]{43}").startsWith("hl_" + secret.prefix() + "_");
        assertThat(ApiKeySecrets.prefixOf(secret.value())).contains(secret.prefix());
        BigInteger body = decode(secret.value().substring(16));
        assertThat(body.bitLength()).isLessThanOrEqualTo(256);
    }

    @Test
    void base62_isExact_atTheEdges() {
        assertThat(ApiKeySecrets.base62(new byte[32], 43)).isEqualTo("0".repeat(43));
        byte[] max = new byte[32];
        java.util.Arrays.fill(max, (byte) 0xff);
        assertThat(decode(ApiKeySecrets.base62(max, 43))).isEqualTo(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE));
    }

    @Test
    void secrets_andPrefixes_doNotRepeat() {
        Set<String> prefixes = new HashSet<>();
        Set<String> values = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ApiKeySecrets.Secret secret = secrets.generate();
            prefixes.add(secret.prefix());
            values.add(secret.value());
        }
        assertThat(prefixes).hasSize(10_000);
        assertThat(values).hasSize(10_000);
    }

    @Test
    void anythingButAWellFormedSecret_hasNoPrefix_soNothingIsLookedUp() {
        String good = secrets.generate().value();
        assertThat(ApiKeySecrets.prefixOf(null)).isEmpty();
        assertThat(ApiKeySecrets.prefixOf(good + "x")).isEmpty();
        assertThat(ApiKeySecrets.prefixOf(good.substring(1))).isEmpty();
        assertThat(ApiKeySecrets.prefixOf(good.replace('_', '-'))).isEmpty();
        assertThat(ApiKeySecrets.prefixOf(good.substring(0, 5) + "'" + good.substring(6))).isEmpty();
        assertThat(ApiKeySecrets.prefixOf("hl_" + "é".repeat(56))).isEmpty();
    }

    @Test
    void theStoredHash_matchesOnlyTheWholeSecret() {
        String secret = secrets.generate().value();
        byte[] hash = ApiKeySecrets.hash(secret);

        assertThat(ApiKeySecrets.matches(secret, hash)).isTrue();
        String other = secret.substring(0, secret.length() - 1) + (secret.endsWith("0") ? "1" : "0");
        assertThat(ApiKeySecrets.matches(other, hash)).isFalse();
        assertThat(hash).hasSize(32);
    }

    private static BigInteger decode(String base62) {
        String digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        BigInteger value = BigInteger.ZERO;
        for (char c : base62.toCharArray()) {
            value = value.multiply(BigInteger.valueOf(62)).add(BigInteger.valueOf(digits.indexOf(c)));
        }
        return value;
    }
}
