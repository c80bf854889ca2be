package dev.diagonal.demo;

import ai.djl.Device;
import dev.diagonal.DiagonalException;
import dev.diagonal.clip.Devices;
import dev.diagonal.data.CaptionTemplates;
import dev.diagonal.data.DatasetLoader;
import dev.diagonal.data.Sample;
import dev.diagonal.eval.Embedder;
import dev.diagonal.eval.ImageFeatureCache;
import dev.diagonal.eval.ModelSource;
import dev.diagonal.eval.ModelView;
import dev.diagonal.project.Project;
import dev.diagonal.project.RunFolder;
import dev.diagonal.compare.CellScoring;
import dev.diagonal.train.TrainingConfig;
import dev.diagonal.train.TrainingListener;
import dev.diagonal.train.Methods;
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
 * Twitter emoji, on the Twitter adaptation set and on the Google set it was trained on; adapt it to the new
 * style with each method's defaults from the adaptation set's labels ({@link MethodRuns}: linear probe,
 * Tip-Adapter-F, LoRA, contrastive, and WiSE-FT of the last two), scored on held-out Twitter and on Google
 * (forgetting); score the contrastive run as the starter was scored; and write the report
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
     * @param epochs contrastive fine-tuning epochs, or {@code auto}
     * @param batchSize fine-tuning batch size (also used for embedding)
     * @param lr contrastive fine-tuning peak learning rate, or {@code auto} (the LR range test)
     * @param replay also train on the Google set (rehearsal), so that the names of the concepts missing from
     *     the adaptation set stay anchored while the image tower learns the Twitter style
     * @param freeze what fine-tuning leaves unchanged, as {@code finetune --freeze} reads it
     * @param augment fine-tuning image augmentations, as {@code finetune --augment} reads them
     * @param device {@code cpu}, {@code gpu} or {@code auto}
     * @param probeSize images in the heatmap probe
     */
    public record Request(Path project, Path model, Path out, long seed, String epochs, int batchSize, String lr,
            boolean replay, String freeze, String augment, String device, int probeSize) {}

    private Demo() {}

    /** One line on the method table of a summary {@link #run} returned: the best method against zero-shot. */
    @SuppressWarnings("unchecked")
    public static String headline(Map<String, Object> summary) {
        List<Map<String, Object>> rows = (List<Map<String, Object>>) summary.get("methods");
        Map<String, Object> zeroShot = rows.get(0);
        Map<String, Object> best = rows.stream().skip(1)
                .max(java.util.Comparator.comparingDouble(r -> (double) r.get("heldout_top1"))).orElse(zeroShot);
        return String.format("best on held-out Twitter subcategories: %s %.1f %% (zero-shot %.1f %%)", best.get("method"),
                100 * (double) best.get("heldout_top1"), 100 * (double) zeroShot.get("heldout_top1"));
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
        TrainingConfig config = fineTuning(request); // a bad setting fails here, before any output
        DemoReport report = DemoReport.prepare(request.out());
        Device device = Devices.select(request.device());
        MethodRuns methods = new MethodRuns(request.model(), datasetPath(project, HELDOUT), datasetPath(project, GOOGLE),
                new CellScoring(project.templatesPath().orElse(null), request.device(), request.batchSize(), note -> { }, cancelled),
                say, cancelled);

        say.accept(String.format("[1/4] zero-shot with the starter model: %,d held-out Twitter emoji, the %,d of the "
                + "adaptation set and %,d Google emoji, among %,d names and %d subcategories", heldout.size(), adapt.size(),
                google.size(), names.size(), subcategories.size()));
        Set<String> adaptNames = adapt.stream().map(Sample::caption).collect(Collectors.toSet());
        Snapshot before = measure(request.model(), device, names, adaptNames, subcategories, templates, request,
                scored, probe);
        say.accept("      " + before.describe());
        List<Map<String, Object>> table = new ArrayList<>();
        table.add(methods.zeroShot());
        say.accept(MethodRuns.describe(table.get(0)));

        Path labels = report.writeLabels("adaptation-labels.csv", request.replay() ? List.of(adapt, google) : List.of(adapt));
        CurveRecorder curves = new CurveRecorder(training);
        int stage = 0;
        for (String method : MethodRuns.METHODS) {
            boolean main = Methods.CONTRASTIVE.equals(method);
            say.accept(String.format("[2/4] %d/%d %s with its defaults on the %d labelled Twitter adaptation drawings%s",
                    ++stage, MethodRuns.METHODS.size(), method, adapt.size(), request.replay() && main
                            ? String.format(" and the %,d Google ones replayed", google.size()) : ""));
            TrainingConfig methodConfig = main ? config : TrainingConfig.builder().method(method).seed(request.seed())
                    .batchSize(request.batchSize()).device(request.device()).build();
            Path methodData = main ? labels : report.writeLabels(method + "-labels.csv", List.of(adapt));
            table.addAll(methods.train(method, methodConfig, methodData, report.runDir(method), main ? curves : training));
        }
        Path runDir = report.runDir(Methods.CONTRASTIVE);

        say.accept("[3/4] zero-shot with the contrastive run's best weights");
        Snapshot after;
        try (ModelView view = ModelView.of(ModelSource.resolve(runDir, false))) {
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
        summary.put("methods", table);
        summary.put("before", before.scores());
        summary.put("after", after.scores());
        summary.put("change", change(before, after));
        summary.put("finetune", fineTuneSummary(request, config, curves, runDir));
        return report.write(summary, curves, config.data().batchSize(), probe, before.probe(), after.probe(), table,
                methods.cells());
    }

    /** The contrastive run's settings: Diagonal's defaults (auto lr and epochs, class prompts) unless the request sets them. */
    private static TrainingConfig fineTuning(Request request) {
        return TrainingConfig.builder().method(Methods.CONTRASTIVE).epochs(request.epochs()).batchSize(request.batchSize())
                .lr(request.lr()).seed(request.seed()).probeSize(request.probeSize()).augment(request.augment())
                .device(request.device()).freeze(request.freeze()).keepCheckpoints(1).build();
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
        try (Embedder embedder = Embedder.open(model, device, ImageFeatureCache.shared())) {
            Scorer scorer = new Scorer(embedder, names, adaptNames, subcategories, templates, request.batchSize());
            Map<String, SetScores> scores = new LinkedHashMap<>();
            sets.forEach((name, samples) -> scores.put(name, scorer.score(samples)));
            return new Snapshot(scores, scorer.classSimilarity(probe));
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

    private static Map<String, Object> fineTuneSummary(Request request, TrainingConfig config, CurveRecorder curves,
            Path runDir) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("steps", curves.steps().size());
        out.put("seconds", curves.seconds());
        out.put("first_loss", curves.firstLoss());
        out.put("final_loss", curves.lastLoss());
        out.put("run", DemoReport.RUNS + "/" + Methods.CONTRASTIVE);
        out.put("replay_google", request.replay());
        out.put("requested", config.toJson());
        // what the run resolved "auto" to (lr, epochs, the range test), as its run.json records it
        out.put("config", RunFolder.open(runDir).readRunJson().hyperparameters());
        return out;
    }

    private static Path datasetPath(Project project, String name) {
        return project.dataset(name).map(project::datasetPath).orElseThrow(() -> new DiagonalException(
                project.file() + " has no dataset named " + name + "; the demo needs " + HELDOUT + ", " + ADAPT
                        + " and " + GOOGLE));
    }

    private static List<Sample> samples(Project project, String name) {
        Path path = datasetPath(project, name);
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

    /** {@code size} held-out samples of distinct subcategories, picked with the seed (one column per class prompt). */
    static List<Sample> probe(List<Sample> heldout, int size, long seed) {
        List<Sample> shuffled = new ArrayList<>(heldout);
        Collections.shuffle(shuffled, new Random(seed));
        Map<String, Sample> oneEach = new LinkedHashMap<>();
        for (Sample sample : shuffled) {
            if (oneEach.size() < size) {
                oneEach.putIfAbsent(sample.label(), sample);
            }
        }
        return List.copyOf(oneEach.values());
    }
}
