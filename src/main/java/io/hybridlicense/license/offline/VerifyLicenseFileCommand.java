package io.hybridlicense.license.offline;

import io.hybridlicense.shared.AppCommand;
import io.hybridlicense.shared.Ed25519Keys;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code verify-license-file FILE --keys jwks.json [--client-id X] [--secret S]}: prints the payload JSON
 * of a valid file (exit 0), or one line saying why it is refused (exit 1) or why it could not be checked
 * (exit 2: usage, unreadable file or keys). Plain Java: no server, no database, no stack trace.
 */
@RegisterForReflection // ServiceLoader makes it by reflection, in the native binary too (see application.properties)
public final class VerifyLicenseFileCommand implements AppCommand {

    static final String NAME = "verify-license-file";
    private static final String USAGE = "usage: " + NAME + " FILE --keys JWKS_FILE [--client-id ID] [--secret SECRET]";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int run(String... args) {
        return run(System.out, System.err, Instant.now(), args);
    }

    static int run(PrintStream out, PrintStream err, Instant now, String... args) {
        List<String> files = new ArrayList<>();
        String keys = null;
        String clientId = null;
        String secret = null;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            boolean option = arg.equals("--keys") || arg.equals("--client-id") || arg.equals("--secret");
            if (option && i + 1 >= args.length) {
                err.println(USAGE);
                return 2;
            }
            switch (option ? arg : "") {
                case "--keys" -> keys = args[++i];
                case "--client-id" -> clientId = args[++i];
                case "--secret" -> secret = args[++i];
                default -> files.add(arg);
            }
        }
        if (files.size() != 1 || keys == null || files.get(0).startsWith("--") || secret != null && clientId == null) {
            err.println(USAGE + "   (--secret needs --client-id)");
            return 2;
        }
        Map<String, PublicKey> published;
        byte[] file;
        try {
            published = Ed25519Keys.parseJwks(Files.readString(Path.of(keys), StandardCharsets.UTF_8));
            file = readAtMost(Path.of(files.get(0)), LicenseFileFormat.MAX_BYTES + 1);
        } catch (IOException | RuntimeException e) {
            err.println("cannot read " + (e instanceof IOException io ? io.getClass().getSimpleName() + ": " + io.getMessage() : e));
            return 2;
        } catch (GeneralSecurityException e) {
            err.println("cannot read the keys in " + keys + ": " + e.getMessage());
            return 2;
        }
        LicenseFileFormat.Machine machine = secret == null ? null : new LicenseFileFormat.Machine(clientId, secret);
        LicenseFileVerifier.Outcome outcome = LicenseFileVerifier.verify(file, published, machine, now);
        if (!outcome.accepted()) {
            err.println(outcome.refusal().line());
            return 1;
        }
        if (clientId != null && !clientId.equals(outcome.fields().path("clientId").asText())) {
            err.println(new LicenseFileVerifier.Refusal(LicenseFileVerifier.Reason.WRONG_MACHINE, "the file is for another client id").line());
            return 1;
        }
        out.println(outcome.payload());
        return 0;
    }

    private static byte[] readAtMost(Path path, int limit) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return in.readNBytes(limit);
        }
    }
}
