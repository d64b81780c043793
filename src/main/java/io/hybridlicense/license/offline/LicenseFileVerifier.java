package io.hybridlicense.license.offline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hybridlicense.shared.AesGcm;
import io.hybridlicense.shared.Ed25519Keys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a license file the way docs/license-files.md tells a vendor to, in the same order: size, armor,
 * envelope, {@code alg}, {@code kid}, signature, decryption (encrypted files), payload, machine, expiry.
 * Every failure is a {@link Refusal} with one line of reason, never an exception.
 */
final class LicenseFileVerifier {

    enum Reason { OVERSIZED, MALFORMED, WRONG_ALG, UNKNOWN_KID, BAD_SIGNATURE, SECRET_REQUIRED, WRONG_MACHINE, EXPIRED }

    /** Why a file is refused: {@link #line()} is what the command prints. */
    record Refusal(Reason reason, String detail) {
        String line() {
            return "refused: " + reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ": " + detail;
        }
    }

    /** The payload JSON (its bytes as signed or decrypted, and parsed), or why the file is refused. */
    record Outcome(String payload, JsonNode fields, Refusal refusal) {
        boolean accepted() {
            return refusal == null;
        }
    }

    private static final Pattern ARMOR = Pattern.compile("\\A\\s*" + Pattern.quote(LicenseFileFormat.BEGIN)
            + "\\s*([A-Za-z0-9+/=\\s]+?)\\s*" + Pattern.quote(LicenseFileFormat.END) + "\\s*\\z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private LicenseFileVerifier() {
    }

    static Outcome verify(byte[] file, Map<String, PublicKey> keys, LicenseFileFormat.Machine machine, Instant now) {
        if (file.length > LicenseFileFormat.MAX_BYTES) {
            return refuse(Reason.OVERSIZED, file.length + " bytes, more than " + LicenseFileFormat.MAX_BYTES);
        }
        Matcher armor = ARMOR.matcher(new String(file, StandardCharsets.US_ASCII));
        if (!armor.matches()) {
            return refuse(Reason.MALFORMED, "no " + LicenseFileFormat.BEGIN + " ... " + LicenseFileFormat.END + " block of Base64");
        }
        JsonNode envelope = json(base64(armor.group(1).replaceAll("\\s", "")));
        if (envelope == null || !text(envelope, "enc") || !text(envelope, "sig") || !text(envelope, "alg") || !text(envelope, "kid")) {
            return refuse(Reason.MALFORMED, "the envelope is not JSON with string fields enc, sig, alg and kid");
        }
        String alg = envelope.get("alg").asText();
        boolean encrypted = LicenseFileFormat.ENCRYPTED.equals(alg);
        if (!encrypted && !LicenseFileFormat.PLAIN.equals(alg)) {
            return refuse(Reason.WRONG_ALG, "alg " + printable(alg) + " is neither " + LicenseFileFormat.PLAIN + " nor "
                    + LicenseFileFormat.ENCRYPTED);
        }
        PublicKey key = keys.get(envelope.get("kid").asText());
        if (key == null) {
            return refuse(Reason.UNKNOWN_KID, "kid " + printable(envelope.get("kid").asText()) + " is not among the published keys");
        }
        String enc = envelope.get("enc").asText();
        byte[] body = base64(enc);
        byte[] signature = base64(envelope.get("sig").asText());
        if (body == null || signature == null || !enc.chars().allMatch(c -> c < 128)) {
            return refuse(Reason.MALFORMED, "enc or sig is not Base64");
        }
        if (!signatureHolds(key, enc, signature)) {
            return refuse(Reason.BAD_SIGNATURE, "the signature does not match the file (altered, or signed by another key)");
        }
        if (encrypted) {
            if (machine == null) {
                return refuse(Reason.SECRET_REQUIRED, "the file is encrypted: give the machine's client id and the license's secret");
            }
            try {
                body = new AesGcm(LicenseFileFormat.hkdfKey(machine)).open(body, null);
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                return refuse(Reason.WRONG_MACHINE, "the file does not open with this client id and secret");
            }
        }
        String payload = new String(body, StandardCharsets.UTF_8);
        JsonNode fields = json(body);
        if (fields == null || !fields.isObject() || !text(fields, "clientId") || !text(fields, "expiry")) {
            return refuse(Reason.MALFORMED, "the payload is not JSON with clientId and expiry");
        }
        if (machine != null && !machine.clientId().equals(fields.get("clientId").asText())) {
            return refuse(Reason.WRONG_MACHINE, "the file is for another client id");
        }
        try {
            Instant expiry = Instant.parse(fields.get("expiry").asText());
            if (!now.isBefore(expiry)) {
                return refuse(Reason.EXPIRED, "expired at " + expiry);
            }
        } catch (DateTimeParseException e) {
            return refuse(Reason.MALFORMED, "the expiry is not an ISO-8601 instant");
        }
        return new Outcome(payload, fields, null);
    }

    private static boolean signatureHolds(PublicKey key, String enc, byte[] signature) {
        try {
            return Ed25519Keys.verify(key, LicenseFileFormat.signed(enc), signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static Outcome refuse(Reason reason, String detail) {
        return new Outcome(null, null, new Refusal(reason, detail));
    }

    private static boolean text(JsonNode node, String field) {
        return node.path(field).isTextual();
    }

    private static byte[] base64(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static JsonNode json(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return JSON.readTree(bytes);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Nothing from the file is echoed beyond 40 printable ASCII characters. */
    private static String printable(String value) {
        String cleaned = value.replaceAll("[^\\x20-\\x7e]", "?");
        return "\"" + (cleaned.length() > 40 ? cleaned.substring(0, 40) + "..." : cleaned) + "\"";
    }
}
