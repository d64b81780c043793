package io.hybridlicense.shared;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Files only the process owner may read (keys, passwords, backups): created owner-only from their first
 * byte (the permissions are given at creation, never applied afterwards), in directories created
 * owner-only, and replaced atomically, so that no reader ever sees half a key. A key that exists is never
 * replaced because it could not be read: a new one would not open what the old one protects.
 */
public final class PrivateFiles {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> OTHERS = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE);

    private PrivateFiles() {
    }

    /** The directory and its missing parents, those created here owner-only ({@code rwx------}). */
    public static Path createDirectories(Path directory) throws IOException {
        return Files.createDirectories(directory, ownerOnly("rwx------"));
    }

    /** A new file (it must not exist) that only the owner may read or write, open for writing. */
    public static OutputStream newFile(Path file) throws IOException {
        return Channels.newOutputStream(FileChannel.open(file,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly("rw-------")));
    }

    /**
     * Writes {@code content} to {@code file} (created or replaced) through an owner-only temporary file in
     * the same directory, flushed to disk and then moved into place atomically: a crash leaves the old
     * content or the new one, never a part.
     */
    public static void write(Path file, byte[] content) throws IOException {
        Path directory = createDirectories(file.toAbsolutePath().getParent());
        Path temporary = Files.createTempFile(directory, "." + file.getFileName(), ".tmp", ownerOnly("rw-------"));
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(content));
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * The content of {@code file}, or empty when there is none. A file that exists but cannot be read stops
     * with a message naming it: it must be fixed, not replaced.
     */
    public static Optional<byte[]> readIfExists(Path file) {
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException(file + " exists but cannot be read (" + e + "): give this process read access "
                    + "to it. It is not replaced: a new key would not open what the existing one protects", e);
        }
    }

    /** The key in {@code file}, generated and written owner-only only when there is no such file. */
    public static byte[] readOrCreate(Path file, Supplier<byte[]> generate) throws IOException {
        Optional<byte[]> existing = readIfExists(file);
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] fresh = generate.get();
        write(file, fresh);
        return fresh;
    }

    /** Whether the group or others may read or enter {@code path} (false where permissions are not POSIX). */
    public static boolean readableByOthers(Path path) throws IOException {
        return POSIX && Files.getPosixFilePermissions(path).stream().anyMatch(OTHERS::contains);
    }

    /** No attribute where the file system has no POSIX permissions (Windows: files inherit their directory's ACL). */
    private static FileAttribute<?>[] ownerOnly(String permissions) {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))}
                : new FileAttribute<?>[0];
    }
}
