package dev.diagonal.data;

import dev.diagonal.DiagonalException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Caption templates with a {@code {}} placeholder for the class name, used to caption label-only data
 * and to build zero-shot prompts.
 */
public final class CaptionTemplates {

    /** The placeholder replaced by the class name. */
    public static final String PLACEHOLDER = "{}";

    private static final List<String> DEFAULTS = List.of(
            "a photo of a {}.",
            "a close-up photo of a {}.",
            "a drawing of a {}.",
            "a painting of a {}.",
            "a cartoon of a {}.",
            "an emoji of {}.",
            "an icon of {}.",
            "a rendering of a {}.");

    private final List<String> templates;

    private CaptionTemplates(List<String> templates) {
        this.templates = List.copyOf(templates);
    }

    /** The built-in set, starting with {@code "a photo of a {}."}. */
    public static CaptionTemplates defaults() {
        return new CaptionTemplates(DEFAULTS);
    }

    /**
     * A set from the given templates.
     *
     * @throws DiagonalException when the list is empty or a template lacks {@code {}}
     */
    public static CaptionTemplates of(List<String> templates) {
        if (templates.isEmpty()) {
            throw new DiagonalException("no caption templates given");
        }
        for (String template : templates) {
            if (!template.contains(PLACEHOLDER)) {
                throw new DiagonalException("caption template lacks {}: \"" + template + "\"");
            }
        }
        return new CaptionTemplates(templates);
    }

    /**
     * The templates of {@code file} when there is one (a project's, say), else the built-in set.
     *
     * @throws DiagonalException as {@link #load} when the file is there but not usable
     */
    public static CaptionTemplates loadOrDefaults(Optional<Path> file) {
        return file.map(CaptionTemplates::load).orElseGet(CaptionTemplates::defaults);
    }

    /**
     * Reads one template per line (UTF-8); blank lines and lines starting with {@code #} are ignored.
     *
     * @throws DiagonalException naming the file (and line) when it is missing, unreadable, not UTF-8,
     *     has a line without {@code {}}, or holds no template
     */
    public static CaptionTemplates load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DiagonalException("caption templates not found: " + file);
        }
        List<String> templates = new ArrayList<>();
        try (Utf8Lines lines = Utf8Lines.open(file)) {
            for (Utf8Lines.Line line = lines.next(); line != null; line = lines.next()) {
                if (!line.ok()) {
                    throw new DiagonalException(file + " line " + line.number() + ": " + line.error());
                }
                String text = line.text().strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                if (!text.contains(PLACEHOLDER)) {
                    throw new DiagonalException(file + " line " + line.number() + ": template lacks {}");
                }
                templates.add(text);
            }
        } catch (IOException e) {
            throw new DiagonalException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (templates.isEmpty()) {
            throw new DiagonalException(file + ": no templates (one per line, each with {})");
        }
        return new CaptionTemplates(templates);
    }

    /** The templates, in order. */
    public List<String> templates() {
        return templates;
    }

    /** The number of templates. */
    public int size() {
        return templates.size();
    }

    /**
     * A caption for a label: template number {@code rotation} (modulo the count; negative values wrap)
     * filled with {@link #className(String)} of the label.
     */
    public String captionFor(String label, long rotation) {
        String template = templates.get((int) Math.floorMod(rotation, (long) templates.size()));
        return template.replace(PLACEHOLDER, className(label));
    }

    /** Every template filled with the label's class name, e.g. for zero-shot prompt ensembles. */
    public List<String> captionsFor(String label) {
        String name = className(label);
        return templates.stream().map(t -> t.replace(PLACEHOLDER, name)).toList();
    }

    /**
     * Gives every labelled sample without a caption one from a template picked at random with
     * {@code seed}; other samples are returned unchanged, in the same order.
     */
    public List<Sample> fillCaptions(List<Sample> samples, long seed) {
        Random random = new Random(seed);
        List<Sample> out = new ArrayList<>(samples.size());
        for (Sample sample : samples) {
            if (sample.caption() == null && sample.label() != null) {
                String caption = captionFor(sample.label(), random.nextInt(templates.size()));
                out.add(new Sample(sample.image(), caption, sample.label(), sample.extra()));
            } else {
                out.add(sample);
            }
        }
        return out;
    }

    /**
     * The class name shown to the text encoder for a label or folder name: {@code _} and {@code -} read
     * as spaces, runs of spaces collapsed, ends trimmed ({@code "golden_retriever"} → {@code "golden retriever"}).
     */
    public static String className(String folderName) {
        return folderName.replace('_', ' ').replace('-', ' ').strip().replaceAll("\\s+", " ");
    }
}
