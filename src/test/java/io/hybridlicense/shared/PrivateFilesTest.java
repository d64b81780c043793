package io.hybridlicense.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Owner-only from creation, replaced atomically, and never regenerated because it could not be read. */
class PrivateFilesTest {

    @TempDir
    Path directory;

    @Test
    void aNewFile_isOwnerOnly_beforeItsFirstByte() throws Exception {
        Path file = directory.resolve("backup.gz");
        try (OutputStream out = PrivateFiles.newFile(file)) {
            assertThat(Files.size(file)).isZero();
            assertThat(permissions(file)).isEqualTo("rw-------");
            out.write(1);
        }
        assertThatThrownBy(() -> PrivateFiles.newFile(file).close()).as("never an existing file")
                .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
    }

    @Test
    void write_createsOwnerOnlyFiles_inOwnerOnlyDirectories_andReplacesThemWhole_leavingNoTemporaryFile() throws Exception {
        Path file = directory.resolve("data/keys/signing-key.pem");

        PrivateFiles.write(file, "first".getBytes(StandardCharsets.US_ASCII));
        PrivateFiles.write(file, "second".getBytes(StandardCharsets.US_ASCII));

        assertThat(Files.readString(file)).isEqualTo("second");
        assertThat(permissions(file)).isEqualTo("rw-------");
        assertThat(permissions(directory.resolve("data"))).isEqualTo("rwx------");
        assertThat(permissions(directory.resolve("data/keys"))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void readOrCreate_generatesOnlyWhenThereIsNoFile() throws Exception {
        Path file = directory.resolve("credentials.key");
        AtomicInteger generated = new AtomicInteger();

        byte[] first = PrivateFiles.readOrCreate(file, () -> new byte[] {(byte) generated.incrementAndGet()});
        byte[] again = PrivateFiles.readOrCreate(file, () -> new byte[] {(byte) generated.incrementAndGet()});

        assertThat(again).isEqualTo(first);
        assertThat(generated).hasValue(1);
        assertThat(permissions(file)).isEqualTo("rw-------");
    }

    /** Something that exists but cannot be read, whoever runs the test (root reads any file): a directory. */
    @Test
    void aKeyThatExistsButCannotBeRead_stops_namingIt_andIsNeverReplaced() throws Exception {
        Path file = Files.createDirectory(directory.resolve("credentials.key"));

        assertThatThrownBy(() -> PrivateFiles.readOrCreate(file, () -> new byte[] {1}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("cannot be read").hasMessageContaining("not replaced");
        assertThat(file).isDirectory();
    }

    @Test
    void readableByOthers_seesGroupAndOthers() throws Exception {
        Path open = Files.createDirectory(directory.resolve("open"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        assertThat(PrivateFiles.readableByOthers(open)).isFalse();

        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-x---"));
        assertThat(PrivateFiles.readableByOthers(open)).isTrue();
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwx---r--"));
        assertThat(PrivateFiles.readableByOthers(open)).isTrue();
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
