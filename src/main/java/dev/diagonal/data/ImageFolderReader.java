package dev.diagonal.data;

import dev.diagonal.DiagonalException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads an ImageFolder: one subfolder per class, the class label being the folder name. Images are
 * found at any depth below a class folder; hidden files and folders (name starting with a dot) are
 * ignored; everything is sorted by name so the order is the same on every machine.
 */
final class ImageFolderReader {

    /** Image file extensions recognised, compared case-insensitively. */
    static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "bmp", "webp");

    /**
     * What the folder holds before image checks.
     *
     * @param classes class folders holding at least one image file, sorted
     * @param candidates the image files, class by class
     */
    record Contents(List<String> classes, List<Candidate> candidates) {}

    private ImageFolderReader() {}

    static Contents read(Path root, ReportBuilder report) throws IOException {
        List<String> classes = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        List<String> emptyFolders = new ArrayList<>();
        int looseImages = 0;
        int otherFiles = 0;
        for (Path child : sortedChildren(root)) {
            if (Files.isDirectory(child)) {
                List<Path> files = filesBelow(child);
                List<Path> images = files.stream().filter(ImageFolderReader::isImage).toList();
                otherFiles += files.size() - images.size();
                if (images.isEmpty()) {
                    emptyFolders.add(name(child));
                    continue;
                }
                String label = name(child);
                classes.add(label);
                for (Path image : images) {
                    candidates.add(new Candidate(0, new Sample(image.toAbsolutePath().normalize(), null, label)));
                }
            } else if (isImage(child)) {
                looseImages++;
            } else {
                otherFiles++;
            }
        }
        if (classes.isEmpty()) {
            throw new DiagonalException(root + ": no class subfolders with images"
                    + (looseImages > 0 ? " (" + looseImages + " images lie directly in it; put each class in its own subfolder)" : "")
                    + "; expected an ImageFolder (one subfolder per class) or a .csv/.tsv/.jsonl manifest");
        }
        if (!emptyFolders.isEmpty()) {
            report.note("ignored folders without images: " + String.join(", ", emptyFolders));
        }
        if (looseImages > 0) {
            report.note("ignored " + looseImages + " images outside class folders");
        }
        if (otherFiles > 0) {
            report.note("ignored " + otherFiles + " files that are not images");
        }
        return new Contents(classes, candidates);
    }

    static boolean isImage(Path file) {
        String name = name(file);
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static List<Path> sortedChildren(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(p -> !isHidden(p)).sorted().toList();
        }
    }

    /** Regular files below {@code dir}, sorted; hidden folders and links to folders are not entered. */
    private static List<Path> filesBelow(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path child : sortedChildren(dir)) {
            if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                files.addAll(filesBelow(child));
            } else if (Files.isRegularFile(child)) {
                files.add(child);
            }
        }
        return files;
    }

    private static boolean isHidden(Path path) {
        return name(path).startsWith(".");
    }

    private static String name(Path path) {
        return path.getFileName().toString();
    }
}
