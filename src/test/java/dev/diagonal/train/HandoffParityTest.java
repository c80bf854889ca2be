package dev.diagonal.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.diagonal.Fixtures;
import dev.diagonal.clip.ClipModel;
import dev.diagonal.clip.StateDict;
import dev.diagonal.io.HostTensor;
import dev.diagonal.io.Safetensors;
import java.io.IOException;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * One step of the hand-off job's {@code train.py} (transformers.Trainer on one process,
 * {@code tools/reference/make_handoff_fixtures.py}) against Diagonal's contrastive step with the same
 * settings: freeze {@code text:last=1}, warmup 4 of 10 steps (so the step's lr is a quarter of the peak),
 * clipping at 0.5 and the logit-scale clamp (both fire), AdamW with the no-decay groups. The loss, the
 * learning rate and the kept parameters must match within 1e-4.
 */
class HandoffParityTest {

    static final double TOLERANCE = 1e-4;

    @Test
    void oneStepOfTheJobIsDiagonalsStep() throws IOException {
        JsonNode reference = new ObjectMapper().readTree(Fixtures.path("handoff/parity.json").toFile());
        JsonNode config = reference.get("config");
        Map<String, HostTensor> inputs = Safetensors.read(Fixtures.path("train/parity.inputs.safetensors"));
        Map<String, HostTensor> expected = Safetensors.read(Fixtures.path("handoff/parity.expected.safetensors"));
        TrainingConfig settings = TrainingConfig.builder().lr(config.get("lr").asDouble())
                .weightDecay(config.get("weight_decay").asDouble()).clipNorm(config.get("clip_norm").asDouble())
                .warmupSteps(config.get("warmup_steps").asInt()).freeze(config.get("freeze").asText()).build();
        long total = reference.get("total_steps").asLong();
        LrSchedule schedule = new LrSchedule(settings.optimizer().lr(), settings.schedule().warmupSteps(), total);
        assertThat(schedule.at(0)).isCloseTo(reference.get("lr").asDouble(), Offset.offset(1e-12));
        GradMode.disableOnThisThread();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            ClipModel model = StateDict.load(Fixtures.path("train/parity-model"), manager);
            Map<String, float[]> before = new java.util.HashMap<>();
            model.stateDict().forEach((name, p) -> before.put(name, p.getArray().toFloatArray()));
            Map<String, Parameter> trainable = settings.freeze().apply(model);
            var o = settings.optimizer();
            try (AdamW optimizer = new AdamW(trainable, manager, o.beta1(), o.beta2(), o.eps(), o.weightDecay())) {
                double loss = ParityBatch.forwardBackward(model, manager, inputs, 1);
                ContrastiveStep.update(model, trainable.values(), optimizer, schedule.at(0), o.clipNorm());
                assertThat(loss).isCloseTo(reference.get("loss").asDouble(), Offset.offset(TOLERANCE));
                double worst = 0;
                for (JsonNode kept : reference.get("kept")) {
                    String name = kept.asText();
                    float[] actual = model.stateDict().get(name).getArray().toFloatArray();
                    double diff = ParityBatch.maxAbsDiff(actual, expected.get(name).data());
                    worst = Math.max(worst, diff);
                    assertThat(diff).as(name).isLessThanOrEqualTo(TOLERANCE);
                    assertThat(ParityBatch.maxAbsDiff(actual, before.get(name)) > 0).as("%s changed", name)
                            .isEqualTo(trainable.containsKey(name));
                }
                System.out.printf("handoff parity: loss %.7f (train.py %.7f), max |Java - train.py| %.3g%n", loss,
                        reference.get("loss").asDouble(), worst);
            }
        }
    }
}
