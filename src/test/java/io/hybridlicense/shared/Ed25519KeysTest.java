package io.hybridlicense.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Signing runs on Bouncy Castle: its signatures must be the JDK's, byte for byte, from any thread. */
class Ed25519KeysTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    private static byte[] jdkSignature(PrivateKey key, byte[] message) throws GeneralSecurityException {
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initSign(key);
        jdk.update(message);
        return jdk.sign();
    }

    @Test
    void signatures_areTheJdks_byteForByte_andVerifyOnTheJdk() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        for (int i = 0; i < 40; i++) {
            KeyPair pair = generator.generateKeyPair();
            byte[] message = new byte[RANDOM.nextInt(2000)];
            RANDOM.nextBytes(message);

            byte[] signature = Ed25519Keys.signer(pair.getPrivate()).sign(message);

            assertThat(signature).isEqualTo(jdkSignature(pair.getPrivate(), message));
            assertThat(Ed25519Keys.verify(pair.getPublic(), message, signature)).isTrue();
            message = message.length == 0 ? new byte[]{1} : message;
            message[0] ^= 1;
            assertThat(Ed25519Keys.verify(pair.getPublic(), message, signature)).isFalse();
        }
    }

    @Test
    void oneSigner_sharedByThreads_signsEachMessageAsTheJdkDoes() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Ed25519Keys.Signer signer = Ed25519Keys.signer(pair.getPrivate());
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> same = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                byte[] message = ("message " + i).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                same.add(threads.submit(() -> java.util.Arrays.equals(signer.sign(message), jdkSignature(pair.getPrivate(), message))));
            }
            for (Future<Boolean> one : same) {
                assertThat(one.get()).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aKeyOfAnotherKind_isRefused() throws Exception {
        PrivateKey rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();
        assertThatThrownBy(() -> Ed25519Keys.signer(rsa)).isInstanceOf(GeneralSecurityException.class);
    }
}
