package dev.diagonal.project;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.diagonal.DiagonalException;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Identifies the model or data a run used, so two runs can be told apart (or matched) long after the
 * files moved. The hash never depends on where the folder lives or on modification times.
 *
 * <ul>
 *   <li>{@link #ofModelDir}: basis {@value #CONTENT}: SHA-256 over {@code config.json} and the weight
 *       files, each as relative path, size and every byte. Other files (README, tokenizer) are left out.
 *   <li>{@link #ofDataset}: for a folder, basis {@value #LISTING}: SHA-256 over the sorted list of
 *       relative paths and sizes, without reading the images (fast on 100k files; an edit that keeps a
 *       file's size is not seen). For a manifest file, basis {@value #CONTENT}: SHA-256 of its bytes.
 * </ul>
 *
 * @param kind   {@value #MODEL} or {@value #DATASET}
 * @param path   the absolute path fingerprinted (informational; not part of the hash)
 * @param sha256 lower-case hex digest
 * @param files  how many files went into the digest
 * @param bytes  their total size
 * @param basis  {@value #CONTENT} or {@value #LISTING}
 */
@JsonPropertyOrder({"kind", "path", "sha256", "files", "bytes", "basis"})
public record Fingerprint(String kind, String path, String sha256, long files, long bytes, String basis) {

    /** Kind of a model fingerprint. */
    public static final String MODEL = "model";
    /** Kind of a dataset fingerprint. */
    public static final String DATASET = "dataset";
    /** Basis: file bytes were hashed. */
    public static final String CONTENT = "content";
    /** Basis: relative paths and sizes were hashed, not the bytes. */
    public static final String LISTING = "listing";

    private static final List<String> WEIGHT_SUFFIXES = List.of(
            ".safetensors", ".bin", ".pt", ".pth", ".ckpt", ".params", ".onnx", ".safetensors.index.json",
            ".bin.index.json");

    /**
     * Fingerprints a model folder ({@code config.json} + weight files) or a single weight file.
     *
     * @throws DiagonalException if the folder holds neither
     */
    public static Fingerprint ofModelDir(Path modelDirOrFile) {
        Path root = modelDirOrFile.toAbsolutePath().normalize();
        List<Path> files = Files.isDirectory(root) ? list(root, Fingerprint::isModelFile) : List.of(root);
        if (files.isEmpty()) {
            throw new DiagonalException("no config.json or weight files in " + root);
        }
        MessageDigest digest = newDigest();
        long total = 0;
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        for (Path file : files) {
            long size = size(file);
            digestHeader(digest, relativeName(root, file), size);
            digestContent(digest, file, buffer);
            total += size;
        }
        return new Fingerprint(MODEL, root.toString(), hex(digest), files.size(), total, CONTENT);
    }

    /** Fingerprints a dataset: a folder by its listing, a manifest file by its content. */
    public static Fingerprint ofDataset(Path manifestOrFolder) {
        Path root = manifestOrFolder.toAbsolutePath().normalize();
        MessageDigest digest = newDigest();
        if (Files.isRegularFile(root)) {
            long size = size(root);
            digestContent(digest, root, ByteBuffer.allocate(1 << 16));
            return new Fingerprint(DATASET, root.toString(), hex(digest), 1, size, CONTENT);
        }
        if (!Files.isDirectory(root)) {
            throw new DiagonalException("no dataset at " + root);
        }
        long total = 0;
        List<Path> files = list(root, file -> true);
        for (Path file : files) {
            long size = size(file);
            digestHeader(digest, relativeName(root, file), size);
            total += size;
        }
        return new Fingerprint(DATASET, root.toString(), hex(digest), files.size(), total, LISTING);
    }

    /** The first 12 hex digits, enough to tell fingerprints apart in a table. */
    public String shortHash() {
        return sha256.substring(0, Math.min(12, sha256.length()));
    }

    /** Whether both fingerprints describe the same files (kind, basis and digest equal; paths ignored). */
    public boolean sameContentAs(Fingerprint other) {
        return other != null && kind.equals(other.kind) && basis.equals(other.basis) && sha256.equals(other.sha256);
    }

    private static boolean isModelFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.equals("config.json") || WEIGHT_SUFFIXES.stream().anyMatch(name::endsWith);
    }

    /** Regular files under {@code root}, hidden files and folders skipped, sorted by relative name. */
    private static List<Path> list(Path root, Predicate<Path> accept) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(root) && isHidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (!isHidden(file) && Files.isRegularFile(file) && accept.test(file)) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new DiagonalException("cannot list " + root + ": " + e.getMessage(), e);
        }
        files.sort((a, b) -> relativeName(root, a).compareTo(relativeName(root, b)));
        return files;
    }

    private static boolean isHidden(Path path) {
        return path.getFileName().toString().startsWith(".");
    }

    private static String relativeName(Path root, Path file) {
        return root.relativize(file).toString().replace(File.separatorChar, '/');
    }

    private static void digestHeader(MessageDigest digest, String name, long size) {
        digest.update(name.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(ByteBuffer.allocate(Long.BYTES).putLong(size).flip());
    }

    private static void digestContent(MessageDigest digest, Path file, ByteBuffer buffer) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            buffer.clear();
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                digest.update(buffer);
                buffer.clear();
            }
        } catch (IOException e) {
            throw new DiagonalException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new DiagonalException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    private static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }
}
