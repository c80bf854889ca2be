package dev.diagonal.train;

import dev.diagonal.project.CheckpointEvent;
import dev.diagonal.project.EvaluationEvent;
import dev.diagonal.project.RunStatus;
import dev.diagonal.project.SimilaritySnapshot;
import dev.diagonal.project.StepEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keeps every event a run reports, for assertions. */
final class RecordingListener implements TrainingListener {

    final List<TrainingPlan> plans = new ArrayList<>();
    final Map<Long, Double> losses = new LinkedHashMap<>();
    final Map<Long, Map<String, Double>> evaluations = new LinkedHashMap<>();
    final List<SimilaritySnapshot> snapshots = new ArrayList<>();
    final List<Long> checkpoints = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    RunStatus status;
    String message;

    @Override
    public void onStart(TrainingPlan plan) {
        plans.add(plan);
    }

    @Override
    public void onStep(StepEvent step) {
        losses.put(step.step(), step.loss());
    }

    @Override
    public void onEvaluation(EvaluationEvent evaluation) {
        evaluations.put(evaluation.step(), evaluation.metrics());
    }

    @Override
    public void onSimilarity(SimilaritySnapshot snapshot) {
        snapshots.add(snapshot);
    }

    @Override
    public void onCheckpoint(CheckpointEvent checkpoint) {
        checkpoints.add(checkpoint.step());
    }

    @Override
    public void onWarning(String warning) {
        warnings.add(warning);
    }

    @Override
    public void onEnd(RunStatus end, String endMessage) {
        status = end;
        message = endMessage;
    }

    double meanLoss(long fromStep, long toStep) {
        return losses.entrySet().stream().filter(e -> e.getKey() >= fromStep && e.getKey() <= toStep)
                .mapToDouble(Map.Entry::getValue).average().orElseThrow();
    }
}
