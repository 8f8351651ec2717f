package dev.melt.junit.internal;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

/** File-system chores of the cache: permissions, sizes, deletion of read-only trees. */
final class DatasetFiles {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> READ_ONLY_DIRECTORY = PosixFilePermissions.fromString("r-x------");
    private static final Set<PosixFilePermission> READ_ONLY_FILE = PosixFilePermissions.fromString("r--------");

    private DatasetFiles() {
    }

    /**
     * Creates a directory that only its owner can enter, or checks an existing one: it must be a
     * directory owned by the current user; group and other permissions are removed from it.
     */
    static void ensureOwnerOnlyDirectory(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            Files.createDirectories(directory.toAbsolutePath().getParent());
            try {
                if (POSIX) {
                    Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
                } else {
                    Files.createDirectory(directory);
                }
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another fork created it first; it is checked below like any existing directory
            }
        }
        if (!Files.isDirectory(directory)) {
            throw new IOException(directory + " is not a directory");
        }
        UserPrincipal owner = Files.getOwner(directory);
        UserPrincipal me = currentUser();
        if (!owner.equals(me)) {
            throw new IOException(directory + " is owned by " + owner.getName() + ", not by " + me.getName()
                    + "; a cache in a shared directory must belong to you");
        }
        if (POSIX && !Files.getPosixFilePermissions(directory).equals(OWNER_ONLY_DIRECTORY)) {
            Files.setPosixFilePermissions(directory, OWNER_ONLY_DIRECTORY);
        }
    }

    private static UserPrincipal currentUser() throws IOException {
        // The owner of a file we just created is who we are, whatever user.name claims.
        Path probe = Files.createTempFile("melt-owner-", ".probe");
        try {
            return Files.getOwner(probe);
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    /** Makes every file of a dataset read-only, then its directories. */
    static void makeReadOnly(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                setWritable(file, false, false);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                setWritable(dir, true, false);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes a tree that may be read-only; a missing tree is not an error. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                setWritable(dir, true, true);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Returns the bytes of the regular files under a directory. */
    static long size(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            long total = 0;
            for (Path p : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    total += Files.size(p);
                }
            }
            return total;
        }
    }

    private static void setWritable(Path path, boolean directory, boolean writable) throws IOException {
        if (POSIX) {
            Set<PosixFilePermission> perms = EnumSet.copyOf(directory ? READ_ONLY_DIRECTORY : READ_ONLY_FILE);
            if (writable) {
                perms.add(PosixFilePermission.OWNER_WRITE);
            }
            Files.setPosixFilePermissions(path, perms);
        } else if (!path.toFile().setWritable(writable, true) && !directory) {
            throw new IOException("cannot change write permission of " + path);
        }
    }
}
