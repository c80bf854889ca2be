package dev.diagonal.project;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The one mapping between {@link RunEvent}s and the lines of {@code metrics.jsonl}, in both directions, and the one
 * list of keys that count rather than measure. Every line shape an earlier Diagonal wrote still reads: a line without
 * {@code type} is a step when it has a numeric {@code loss} and an evaluation otherwise; {@code type} {@code eval},
 * {@code warning}, {@code summary}, {@code resume} and {@code checkpoint} name the other kinds; any other type is an
 * {@link OtherEvent}. Only {@link MetricsLog} and {@link MetricsReader} call it.
 */
public final class RunEvents {

    /** Keys that count along a run rather than measure it: never a curve, never an evaluation's metric. */
    public static final Set<String> COUNTERS = Set.of("step", "epoch", "time", "timestamp", "wall", "elapsed");

    static final String STEP = "step";
    static final String TYPE = "type";
    static final String EPOCH = "epoch";
    static final String LOSS = "loss";
    static final String LR = "lr";
    static final String LOGIT_SCALE = "logit_scale";
    static final String IMAGES_PER_SECOND = "images_per_second";
    static final String TRAIN_SECONDS = "train_seconds";
    static final String MESSAGE = "message";
    static final String PATH = "path";
    static final String EVAL = "eval";
    static final String WARNING = "warning";
    static final String SUMMARY = "summary";
    static final String RESUME = "resume";
    static final String CHECKPOINT = "checkpoint";

    private static final Set<String> STEP_FIELDS = Set.of(STEP, TYPE, EPOCH, LOSS, LR, LOGIT_SCALE, IMAGES_PER_SECOND);

    private RunEvents() {}

    /** Whether {@code key} counts along the run (step, epoch, time, …) rather than measures it. */
    public static boolean isCounter(String key) {
        return COUNTERS.contains(key);
    }

    /** The line of {@code event}, as a map in the order it is written. */
    static Map<String, Object> toRecord(RunEvent event) {
        Map<String, Object> record = new LinkedHashMap<>();
        if (event instanceof StepEvent s) {
            if (s.hasStep()) {
                record.put(STEP, s.step());
            }
            if (!Double.isNaN(s.epoch())) {
                record.put(EPOCH, whole(s.epoch()));
            }
            record.put(LOSS, s.loss());
            putKnown(record, LR, s.lr());
            putKnown(record, LOGIT_SCALE, s.logitScale());
            putKnown(record, IMAGES_PER_SECOND, s.imagesPerSecond());
            s.extra().forEach(record::putIfAbsent);
        } else if (event instanceof EvaluationEvent e) {
            typed(record, EVAL, e);
            e.counters().forEach(record::putIfAbsent);
            e.metrics().forEach(record::putIfAbsent);
        } else if (event instanceof WarningEvent w) {
            typed(record, WARNING, w);
            record.put(MESSAGE, w.message());
        } else if (event instanceof SummaryEvent s) {
            typed(record, SUMMARY, s);
            putKnown(record, IMAGES_PER_SECOND, s.imagesPerSecond());
            putKnown(record, TRAIN_SECONDS, s.trainSeconds());
        } else if (event instanceof ResumeEvent r) {
            typed(record, RESUME, r);
        } else if (event instanceof CheckpointEvent c) {
            typed(record, CHECKPOINT, c);
            record.put(PATH, String.valueOf(c.path()));
        } else if (event instanceof OtherEvent o) {
            typed(record, o.type(), o);
        } else {
            throw new IllegalArgumentException(event + " does not go to metrics.jsonl (similarity snapshots have their own files)");
        }
        return record;
    }

    /** The event a line of the file holds. */
    static RunEvent fromRecord(Map<String, Object> record) {
        long step = record.get(STEP) instanceof Number n ? n.longValue() : RunEvent.NO_STEP;
        Object type = record.get(TYPE);
        if (type == null && record.get(LOSS) instanceof Number loss) {
            Map<String, Double> extra = new LinkedHashMap<>();
            record.forEach((key, value) -> {
                if (value instanceof Number n && !STEP_FIELDS.contains(key)) {
                    extra.put(key, n.doubleValue());
                }
            });
            return new StepEvent(step, number(record, EPOCH), loss.doubleValue(), number(record, LR),
                    number(record, LOGIT_SCALE), number(record, IMAGES_PER_SECOND), null, extra);
        }
        if (type == null || EVAL.equals(type)) {
            Map<String, Double> values = new LinkedHashMap<>();
            record.forEach((key, value) -> {
                if (value instanceof Number n && !STEP.equals(key)) {
                    values.put(key, n.doubleValue());
                }
            });
            return new EvaluationEvent(step, values);
        }
        return switch (type.toString()) {
            case WARNING -> new WarningEvent(step, String.valueOf(record.get(MESSAGE)));
            case SUMMARY -> new SummaryEvent(step, number(record, IMAGES_PER_SECOND), number(record, TRAIN_SECONDS));
            case RESUME -> new ResumeEvent(step);
            case CHECKPOINT -> new CheckpointEvent(step, record.get(PATH) == null ? null : Path.of(record.get(PATH).toString()));
            default -> new OtherEvent(type.toString(), step);
        };
    }

    private static void typed(Map<String, Object> record, String type, RunEvent event) {
        record.put(TYPE, type);
        if (event.hasStep()) {
            record.put(STEP, event.step());
        }
    }

    /** An integral value as a whole number (an epoch of 3 is written {@code 3}, as before, not {@code 3.0}). */
    private static Object whole(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? (Object) (long) value : (Object) value;
    }

    private static void putKnown(Map<String, Object> record, String key, double value) {
        if (!Double.isNaN(value)) {
            record.put(key, value);
        }
    }

    private static double number(Map<String, Object> record, String key) {
        return record.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
