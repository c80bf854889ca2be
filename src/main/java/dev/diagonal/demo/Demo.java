package dev.diagonal.demo;

import ai.djl.Device;
import dev.diagonal.DiagonalException;
import dev.diagonal.clip.Devices;
import dev.diagonal.data.CaptionTemplates;
import dev.diagonal.data.DatasetLoader;
import dev.diagonal.data.Sample;
import dev.diagonal.eval.Embedder;
import dev.diagonal.eval.ModelSource;
import dev.diagonal.eval.ModelView;
import dev.diagonal.project.Project;
import dev.diagonal.project.RunStatus;
import dev.diagonal.train.FineTuning;
import dev.diagonal.train.RunDestination;
import dev.diagonal.train.TrainingConfig;
import dev.diagonal.train.TrainingListener;
import dev.diagonal.train.TrainingRequest;
import dev.diagonal.train.TrainingResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The emoji story of {@code ./diagonal demo}, headless: score the starter model zero-shot on the held-out
 * Twitter emoji, on the Twitter adaptation set and on the Google set it was trained on, fine-tune it
 * contrastively on the adaptation set, score again (the adaptation set then shows what fine-tuning learnt on
 * the concepts it saw, the held-out set what carried over to the others), and write the report
 * ({@link DemoReport}). Everything is seeded, so the same seed gives the same numbers.
 */
public final class Demo {

    /** The project's dataset names the demo reads. */
    static final String HELDOUT = "twitter-heldout";
    static final String ADAPT = "twitter-adapt";
    static final String GOOGLE = "google";

    /**
     * What to run.
     *
     * @param project the emoji-styles project folder
     * @param model the starter model folder
     * @param out the report folder (created; a previous demo report there is replaced)
     * @param seed the one seed
     * @param epochs fine-tuning epochs
     * @param batchSize fine-tuning batch size (also used for embedding)
     * @param lr fine-tuning peak learning rate
     * @param replay also train on the Google set (rehearsal), so that the names of the concepts missing from
     *     the adaptation set stay anchored while the image tower learns the Twitter style
     * @param freeze what fine-tuning leaves unchanged, as {@code finetune --freeze} reads it
     * @param augment fine-tuning image augmentations, as {@code finetune --augment} reads them
     * @param device {@code cpu}, {@code gpu} or {@code auto}
     * @param probeSize images in the heatmap probe
     */
    public record Request(Path project, Path model, Path out, long seed, int epochs, int batchSize, double lr,
            boolean replay, String freeze, String augment, String device, int probeSize) {}

    private Demo() {}

    /** The change in held-out Twitter name top-1, in points, from a summary {@link #run} returned. */
    @SuppressWarnings("unchecked")
    public static double heldoutNameLift(Map<String, Object> summary) {
        Map<String, Map<String, Double>> change = (Map<String, Map<String, Double>>) summary.get("change");
        return change.get(HELDOUT).get("name_top1_points");
    }

    /** The files of a report folder besides the run folder {@code run/}. */
    public static List<String> reportFiles() {
        return DemoReport.FILES;
    }

    /**
     * Runs the story.
     *
     * @param say hears one line per stage and the scores
     * @param training hears the fine-tuning run
     * @param cancelled polled by the fine-tuning run
     * @return the summary written to {@code summary.json}
     * @throws CancellationException when cancelled
     * @throws DiagonalException naming the file or dataset at fault
     */
    public static Map<String, Object> run(Request request, Consumer<String> say, TrainingListener training,
            BooleanSupplier cancelled) {
        Project project = Project.open(request.project());
        List<Sample> heldout = samples(project, HELDOUT);
        List<Sample> adapt = samples(project, ADAPT);
        List<Sample> google = samples(project, GOOGLE);
        List<String> templates = CaptionTemplates.loadOrDefaults(project.templatesPath()).templates();
        Map<String, List<Sample>> scored = new LinkedHashMap<>(); // scored before and after fine-tuning
        scored.put(HELDOUT, heldout);
        scored.put(ADAPT, adapt);
        scored.put(GOOGLE, google);
        List<String> names = sortedUnion(Sample::caption, heldout, adapt, google);
        List<String> subcategories = sortedUnion(Sample::label, heldout, adapt, google);
        List<Sample> probe = probe(heldout, request.probeSize(), request.seed());
        TrainingConfig config = fineTuning(request, templates); // a bad setting fails here, before any output
        DemoReport report = DemoReport.prepare(request.out());
        Device device = Devices.select(request.device());

        say.accept(String.format("[1/4] zero-shot with the starter model: %,d held-out Twitter emoji, the %,d of the "
                + "adaptation set and %,d Google emoji, among %,d names and %d subcategories", heldout.size(), adapt.size(),
                google.size(), names.size(), subcategories.size()));
        Set<String> adaptNames = adapt.stream().map(Sample::caption).collect(Collectors.toSet());
        Snapshot before = measure(request.model(), device, names, adaptNames, subcategories, templates, request,
                scored, probe);
        say.accept("      " + before.describe());

        say.accept(String.format("[2/4] fine-tuning on the %d Twitter adaptation emoji%s (%d epochs, seed %d)",
                adapt.size(), request.replay() ? String.format(" with the %,d Google emoji replayed", google.size()) : "",
                request.epochs(), request.seed()));
        Path trainData = request.replay() ? report.writeManifest("train.csv", List.of(adapt, google))
                : project.datasetPath(project.dataset(ADAPT).orElseThrow());
        CurveRecorder curves = new CurveRecorder(training);
        Path runDir = report.runDir();
        TrainingResult result = FineTuning.start(RunDestination.at(runDir),
                new TrainingRequest(request.model(), trainData, null, config), curves, cancelled);
        if (result.status() == RunStatus.CANCELLED) {
            throw new CancellationException("demo cancelled during fine-tuning");
        }
        if (result.status() == RunStatus.FAILED) {
            throw new DiagonalException("fine-tuning failed: " + result.message());
        }

        say.accept("[3/4] zero-shot with the fine-tuned model");
        Snapshot after;
        try (ModelView view = ModelView.of(ModelSource.resolve(runDir, true))) { // the weights at the end
            after = measure(view.folder(), device, names, adaptNames, subcategories, templates, request,
                    scored, probe);
        }
        say.accept("      " + after.describe());

        say.accept("[4/4] writing the report to " + report.folder());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("seed", request.seed());
        summary.put("model", request.model().toAbsolutePath().normalize().toString());
        summary.put("project", project.folder().toString());
        Map<String, Integer> sets = new LinkedHashMap<>();
        scored.forEach((name, samples) -> sets.put(name, samples.size()));
        summary.put("sets", sets);
        summary.put("names", names.size());
        summary.put("subcategories", subcategories.size());
        summary.put("templates", templates);
        summary.put("before", before.scores());
        summary.put("after", after.scores());
        summary.put("change", change(before, after));
        summary.put("finetune", fineTuneSummary(request, config, result, curves));
        return report.write(summary, curves, config.data().batchSize(), probe, before.probe(), after.probe());
    }

    private static TrainingConfig fineTuning(Request request, List<String> templates) {
        return TrainingConfig.builder().epochs(request.epochs()).batchSize(request.batchSize()).lr(request.lr())
                .seed(request.seed()).valFraction(0.0).probeSize(request.probeSize()).augment(request.augment())
                .captionTemplates(templates).device(request.device()).freeze(request.freeze()).keepCheckpoints(1)
                .build();
    }

    /** Scores and the probe matrix of one model. */
    private record Snapshot(Map<String, SetScores> scores, float[][] probe) {
        String describe() {
            SetScores h = scores.get(HELDOUT);
            SetScores a = scores.get(ADAPT);
            SetScores g = scores.get(GOOGLE);
            return String.format("held-out Twitter: name top-1 %.1f%% (top-5 %.1f%%), subcategory top-1 %.1f%%, "
                    + "guessed as an adaptation concept %.1f%% | adaptation set: name top-1 %.1f%% "
                    + "| Google: name top-1 %.1f%%, subcategory top-1 %.1f%%",
                    100 * h.nameTop1(), 100 * h.nameTop5(), 100 * h.subcategoryTop1(), 100 * h.adaptationNameGuesses(),
                    100 * a.nameTop1(), 100 * g.nameTop1(), 100 * g.subcategoryTop1());
        }
    }

    /** Scores each named set and the probe with one model. */
    private static Snapshot measure(Path model, Device device, List<String> names, Set<String> adaptNames,
            List<String> subcategories, List<String> templates, Request request, Map<String, List<Sample>> sets,
            List<Sample> probe) {
        try (Embedder embedder = Embedder.open(model, device)) {
            Scorer scorer = new Scorer(embedder, names, adaptNames, subcategories, templates, request.batchSize());
            Map<String, SetScores> scores = new LinkedHashMap<>();
            sets.forEach((name, samples) -> scores.put(name, scorer.score(samples)));
            return new Snapshot(scores, scorer.nameSimilarity(probe));
        }
    }

    private static Map<String, Object> change(Snapshot before, Snapshot after) {
        Map<String, Object> change = new LinkedHashMap<>();
        for (String set : before.scores().keySet()) {
            SetScores b = before.scores().get(set);
            SetScores a = after.scores().get(set);
            Map<String, Double> points = new LinkedHashMap<>();
            points.put("name_top1_points", 100 * (a.nameTop1() - b.nameTop1()));
            points.put("name_top5_points", 100 * (a.nameTop5() - b.nameTop5()));
            points.put("subcategory_top1_points", 100 * (a.subcategoryTop1() - b.subcategoryTop1()));
            points.put("guessed_adaptation_name_points", 100 * (a.adaptationNameGuesses() - b.adaptationNameGuesses()));
            change.put(set, points);
        }
        return change;
    }

    private static Map<String, Object> fineTuneSummary(Request request, TrainingConfig config, TrainingResult result, CurveRecorder curves) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("steps", result.step());
        out.put("seconds", curves.seconds());
        out.put("images_per_second", result.imagesPerSecond());
        out.put("first_loss", curves.firstLoss());
        out.put("final_loss", curves.lastLoss());
        out.put("run", "run");
        out.put("replay_google", request.replay());
        out.put("config", config.toJson());
        return out;
    }

    private static List<Sample> samples(Project project, String name) {
        Path path = project.dataset(name).map(project::datasetPath).orElseThrow(() -> new DiagonalException(
                project.file() + " has no dataset named " + name + "; the demo needs " + HELDOUT + ", " + ADAPT
                        + " and " + GOOGLE));
        List<Sample> samples = DatasetLoader.requireUsable(DatasetLoader.load(path)).samples();
        for (Sample sample : samples) {
            if (sample.caption() == null || sample.label() == null) {
                throw new DiagonalException(path + ": " + sample.image().getFileName()
                        + " lacks a caption (the emoji name) or a label (its subcategory)");
            }
        }
        return samples;
    }

    @SafeVarargs
    private static List<String> sortedUnion(java.util.function.Function<Sample, String> field, List<Sample>... sets) {
        TreeSet<String> union = new TreeSet<>();
        for (List<Sample> set : sets) {
            set.forEach(s -> union.add(field.apply(s)));
        }
        return new ArrayList<>(union);
    }

    /** {@code size} held-out samples picked with the seed. */
    static List<Sample> probe(List<Sample> heldout, int size, long seed) {
        List<Sample> shuffled = new ArrayList<>(heldout);
        Collections.shuffle(shuffled, new Random(seed));
        return List.copyOf(shuffled.subList(0, Math.min(size, shuffled.size())));
    }
}
