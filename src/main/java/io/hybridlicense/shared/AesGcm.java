package io.hybridlicense.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.Consumer;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with the layout this product stores and ships: a 96-bit nonce in front of the ciphertext,
 * the 128-bit tag after it ({@code nonce || ciphertext || tag}), and optional associated data that binds
 * a value to its owner (a value copied to another row does not open). Nonces are random unless given.
 */
public final class AesGcm {

    public static final int KEY_BYTES = 32;
    public static final int NONCE_BYTES = 12;
    public static final int TAG_BITS = 128;

    private final SecretKey key;
    // per instance, never static: a SecureRandom made while the native image is built would be in its
    // heap with a seed fixed at build time, and the build refuses it
    private final SecureRandom random = new SecureRandom();

    public AesGcm(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("An AES-256 key has " + KEY_BYTES + " bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** {@code nonce || ciphertext || tag}, with a fresh random nonce. */
    public byte[] seal(byte[] plain, byte[] associatedData) throws GeneralSecurityException {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return seal(nonce, plain, associatedData);
    }

    /** With a given nonce: only for fixed test vectors; a nonce must never repeat under one key. */
    public byte[] seal(byte[] nonce, byte[] plain, byte[] associatedData) throws GeneralSecurityException {
        byte[] sealed = cipher(Cipher.ENCRYPT_MODE, nonce, associatedData).doFinal(plain);
        return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
    }

    /** The plain bytes, or an exception when the tag does not match (wrong key, data or associated data). */
    public byte[] open(byte[] stored, byte[] associatedData) throws GeneralSecurityException {
        if (stored.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new javax.crypto.AEADBadTagException("too short for nonce and tag");
        }
        byte[] nonce = Arrays.copyOf(stored, NONCE_BYTES);
        return cipher(Cipher.DECRYPT_MODE, nonce, associatedData).doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
    }

    /**
     * A key kept Base64 in {@code file}, generated (and {@code onCreate} told) only when there is no such
     * file, owner-only from its first byte ({@link PrivateFiles}); one that cannot be read stops the start,
     * since a new key would not open what the old one sealed.
     */
    public static byte[] localKey(Path file, Consumer<Path> onCreate) {
        synchronized (AesGcm.class) {
            try {
                byte[] stored = PrivateFiles.readOrCreate(file, () -> {
                    onCreate.accept(file);
                    byte[] fresh = new byte[KEY_BYTES];
                    new SecureRandom().nextBytes(fresh);
                    return Base64.getEncoder().encode(fresh);
                });
                return Base64.getDecoder().decode(new String(stored, StandardCharsets.US_ASCII).strip());
            } catch (IOException e) {
                throw new UncheckedIOException("Could not create the key " + file, e);
            }
        }
    }

    private Cipher cipher(int mode, byte[] nonce, byte[] associatedData) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        if (associatedData != null) {
            cipher.updateAAD(associatedData);
        }
        return cipher;
    }
}
