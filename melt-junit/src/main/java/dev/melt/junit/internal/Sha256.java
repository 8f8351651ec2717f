package dev.melt.junit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as the extension uses it: of spec keys, dataset files and the generator's code. */
final class Sha256 {

    private Sha256() {
    }

    /** @return a fresh SHA-256 digest */
    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** @return the lower-case hex SHA-256 of a text's UTF-8 bytes */
    static String of(String text) {
        return hex(newDigest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** @return the lower-case hex SHA-256 of a file's bytes, read as a stream */
    static String of(Path file) throws IOException {
        MessageDigest digest = newDigest();
        update(digest, file);
        return hex(digest.digest());
    }

    /** Feeds a file's bytes to a digest, streaming. */
    static void update(MessageDigest digest, Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    /** @return lower-case hex digits of a digest */
    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
