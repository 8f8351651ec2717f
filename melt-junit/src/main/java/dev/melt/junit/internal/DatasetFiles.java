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
     * real directory (a symbolic link is refused, not followed) owned by the current user; group
     * and other permissions are removed from it. No file is created anywhere else to find out who
     * the current user is.
     */
    static void ensureOwnerOnlyDirectory(Path directory) throws IOException {
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(directory.toAbsolutePath().getParent());
            try {
                if (POSIX) {
                    Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
                } else {
                    Files.createDirectory(directory);
                }
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another fork (or user) created it first; it is checked below like any existing directory
            }
        }
        checkOwnedDirectory(directory);
        if (POSIX && !Files.getPosixFilePermissions(directory, LinkOption.NOFOLLOW_LINKS).equals(OWNER_ONLY_DIRECTORY)) {
            Files.setPosixFilePermissions(directory, OWNER_ONLY_DIRECTORY);
        }
    }

    /**
     * Checks, without following links, that a path is a directory owned by the current user.
     * The cache checks its directory again before each entry it uses or creates, so a directory
     * swapped for a link after the first check is refused too.
     */
    static void checkOwnedDirectory(Path directory) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(directory, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new IOException(directory + " no longer exists");
        }
        if (attributes.isSymbolicLink()) {
            throw new IOException(directory + " is a symbolic link; a cache directory must be a real directory that"
                    + " belongs to you (links are not followed: another user could point them anywhere)");
        }
        if (!attributes.isDirectory()) {
            throw new IOException(directory + " is not a directory");
        }
        UserPrincipal owner = Files.getOwner(directory, LinkOption.NOFOLLOW_LINKS);
        UserPrincipal me = currentUser();
        if (!owner.equals(me)) {
            throw new IOException(directory + " is owned by " + owner.getName() + ", not by " + me.getName()
                    + "; a cache in a shared directory must belong to you");
        }
    }

    /**
     * Who this process is: on Linux the owner of {@code /proc/self} (the process's effective
     * user, whatever {@code user.name} claims), elsewhere the user named by {@code user.name}.
     */
    static UserPrincipal currentUser() throws IOException {
        Path self = Path.of("/proc/self");
        if (Files.isDirectory(self)) {
            return Files.getOwner(self);
        }
        return FileSystems.getDefault().getUserPrincipalLookupService()
                .lookupPrincipalByName(System.getProperty("user.name"));
    }

    /** @return the numeric user id of this process where the platform tells it (Linux), else empty */
    static java.util.OptionalLong currentUid() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return uid instanceof Number ? java.util.OptionalLong.of(((Number) uid).longValue())
                    : java.util.OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            return java.util.OptionalLong.empty();
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
