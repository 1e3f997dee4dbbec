package fr.instruire.intake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A client's {@code Idempotency-Key} for one campaign and one request body, as Instruire keeps it: never in clear.
 * From the raw key, keyed with the server's secret ({@code instruire.secret}, outside the database) and salted with the
 * campaign, come two values: {@link #lookupHash()}, under which the first answer is stored, and an AES-GCM key that
 * also depends on the request's hash, which seals the dossier's access token. Only a caller presenting the same key and
 * the same body can open the sealed token again: the table alone gives neither the key nor the token, and guessing a
 * key from the table needs the secret. An HMAC costs microseconds; the PBKDF2 used before (50 000 rounds, no secret)
 * took 60 % of a submission's time in the campaign benchmark and is kept only to find the answers stored with it
 * ({@link #storedBefore11}).
 */
final class IdempotencyKey {

    /** How the stored lookup hash was derived: with the server's secret, or (rows stored before V11) PBKDF2. */
    enum Derivation { SECRET, PBKDF2 }

    /** PBKDF2 rounds of the keys stored before V11. */
    static final int ROUNDS = 50_000;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String campaignKey;
    private final String raw;
    private final String requestHash;
    private final Derivation derivation;
    private final String lookupHash;
    private final SecretKeySpec sealingKey;

    private IdempotencyKey(String campaignKey, String raw, String requestHash, Derivation derivation, byte[] master) {
        this.campaignKey = campaignKey;
        this.raw = raw;
        this.requestHash = requestHash;
        this.derivation = derivation;
        this.lookupHash = HexFormat.of().formatHex(hmac(master, "lookup"));
        this.sealingKey = new SecretKeySpec(hmac(master, "access-token\0" + requestHash), "AES");
    }

    /** The key as sent, derived with the server's secret ({@code null} when the request has none: nothing to remember). */
    static IdempotencyKey of(String secret, String campaignKey, String raw, String requestHash) {
        return raw == null ? null : new IdempotencyKey(campaignKey, raw, requestHash, Derivation.SECRET,
                hmac(secret.getBytes(StandardCharsets.UTF_8), "instruire/idempotency-key\0" + campaignKey + "\0" + raw));
    }

    /** The same key as it was derived before V11 (PBKDF2 salted with the campaign), to find an answer stored then. */
    IdempotencyKey storedBefore11() {
        return new IdempotencyKey(campaignKey, raw, requestHash, Derivation.PBKDF2,
                pbkdf2(raw, "instruire/idempotency-key/" + campaignKey));
    }

    Derivation derivation() {
        return derivation;
    }

    String campaignKey() {
        return campaignKey;
    }

    /** As the client sent it, for the messages it reads; never stored. */
    String raw() {
        return raw;
    }

    String requestHash() {
        return requestHash;
    }

    /** The stored identity of the key within its campaign (hex, 64 characters). */
    String lookupHash() {
        return lookupHash;
    }

    /** The token sealed for this key, body and dossier: base64 of IV and ciphertext with its tag. */
    String seal(String token, String dossierNumber) {
        try {
            var iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            var cipher = cipher(Cipher.ENCRYPT_MODE, iv, dossierNumber);
            var sealed = cipher.doFinal(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token sealed by {@link #seal}; empty when it was sealed for another key, body or dossier (or tampered with). */
    Optional<String> unseal(String sealed, String dossierNumber) {
        try {
            var bytes = Base64.getDecoder().decode(sealed);
            if (bytes.length <= IV_BYTES) {
                return Optional.empty();
            }
            var cipher = cipher(Cipher.DECRYPT_MODE, java.util.Arrays.copyOf(bytes, IV_BYTES), dossierNumber);
            return Optional.of(new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8));
        } catch (AEADBadTagException | IllegalArgumentException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Cipher cipher(int mode, byte[] iv, String dossierNumber) throws GeneralSecurityException {
        var cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, sealingKey, new GCMParameterSpec(TAG_BITS, iv));
        // bound to where it is stored: a sealed token copied to another row does not open
        cipher.updateAAD((campaignKey + "\0" + lookupHash + "\0" + dossierNumber).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static byte[] pbkdf2(String raw, String salt) {
        var spec = new PBEKeySpec(raw.toCharArray(), salt.getBytes(StandardCharsets.UTF_8), ROUNDS, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } finally {
            spec.clearPassword();
        }
    }

    private static byte[] hmac(byte[] key, String purpose) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "IdempotencyKey[" + campaignKey + ", " + lookupHash + "]";
    }
}
