package io.hybridlicense.license.offline;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The independent implementation: {@code src/test/python/verify_license_file.py}, written from
 * docs/license-files.md with Python's {@code cryptography} (Debian: python3-cryptography). Never skipped:
 * without python3 or the module, the test fails and says what to install.
 */
final class PythonVerifier {

    static final Path SCRIPT = Path.of("src/test/python/verify_license_file.py");
    private static final String MISSING = "The license file tests verify with an independent implementation in Python: "
            + "install python3 and Debian's python3-cryptography (apt-get install -y python3 python3-cryptography)";

    record Result(int exitCode, String stdout, String stderr) {
    }

    private PythonVerifier() {
    }

    static Result run(String... args) {
        List<String> command = new ArrayList<>(List.of("python3", SCRIPT.toString()));
        command.addAll(List.of(args));
        Result result = exec(command);
        if (result.exitCode() != 0 && result.stderr().contains("ModuleNotFoundError")) {
            fail(MISSING + "\n" + result.stderr());
        }
        return result;
    }

    private static Result exec(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("python3 did not finish within 60 s: " + command);
            }
            return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                    new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return fail(MISSING + " (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }
}
