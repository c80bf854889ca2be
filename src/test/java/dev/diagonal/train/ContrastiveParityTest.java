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
import org.junit.jupiter.api.Test;

/**
 * Two contrastive steps against PyTorch ({@code tools/reference/make_train_fixtures.py}): same
 * weights, same batches, HF's CLIP loss, {@code clip_grad_norm_}, {@code torch.optim.AdamW} with a
 * decay and a no-decay group, and the logit-scale clamp (which fires on step 1). The losses, the
 * gradient norms and every parameter after each step must match within 1e-4.
 */
class ContrastiveParityTest {

    static final double TOLERANCE = 1e-4;

    /**
     * Runs the steps while another thread keeps the garbage collector busy and recycles direct memory:
     * DJL's {@code mul(Number)} wraps the number in a tensor over a direct buffer that is released when
     * the op returns, yet autograd keeps it for the backward pass; with a collection in between, the
     * gradients came out as garbage (1e34). The model and the loss must not use such operands.
     */
    @Test
    void twoStepsMatchPyTorchWhileTheCollectorRuns() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread storm = new Thread(() -> {
            while (!stop.get()) {
                java.util.List<java.nio.ByteBuffer> junk = new java.util.ArrayList<>();
                for (int i = 0; i < 2000; i++) {
                    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocateDirect(64);
                    buffer.putFloat(0, 1e30f);
                    junk.add(buffer);
                }
                System.gc();
            }
        });
        storm.setDaemon(true);
        storm.start();
        try {
            for (int round = 0; round < 3; round++) {
                twoStepsMatchPyTorch();
            }
        } finally {
            stop.set(true);
            storm.join();
        }
    }

    @Test
    void twoStepsMatchPyTorch() throws IOException {
        JsonNode reference = new ObjectMapper().readTree(Fixtures.path("train/parity.json").toFile());
        Map<String, HostTensor> inputs = Safetensors.read(Fixtures.path("train/parity.inputs.safetensors"));
        Map<String, HostTensor> expected = Safetensors.read(Fixtures.path("train/parity.expected.safetensors"));
        GradMode.disableOnThisThread();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            ClipModel model = StateDict.load(Fixtures.path("train/parity-model"), manager);
            Map<String, Parameter> trainable = Freeze.parse("none").apply(model);
            try (AdamW optimizer = new AdamW(trainable, manager, reference.get("beta1").asDouble(),
                    reference.get("beta2").asDouble(), reference.get("eps").asDouble(),
                    reference.get("weight_decay").asDouble())) {
                double worst = 0;
                for (int step = 1; step <= 2; step++) {
                    JsonNode want = reference.get("steps").get(step - 1);
                    double loss = ParityBatch.forwardBackward(model, manager, inputs, step);
                    double norm = ContrastiveStep.update(model, trainable.values(), optimizer,
                            reference.get("lr").asDouble(), reference.get("clip_norm").asDouble());
                    assertThat(loss).as("loss of step %d", step).isCloseTo(want.get("loss").asDouble(),
                            org.assertj.core.data.Offset.offset(TOLERANCE));
                    assertThat(norm / want.get("grad_norm").asDouble()).as("gradient norm of step %d", step)
                            .isCloseTo(1.0, org.assertj.core.data.Offset.offset(TOLERANCE));
                    for (Map.Entry<String, Parameter> entry : model.stateDict().entrySet()) {
                        float[] actual = entry.getValue().getArray().toFloatArray();
                        float[] target = expected.get("step" + step + "." + entry.getKey()).data();
                        double diff = ParityBatch.maxAbsDiff(actual, target);
                        worst = Math.max(worst, diff);
                        assertThat(diff).as("%s after step %d", entry.getKey(), step).isLessThanOrEqualTo(TOLERANCE);
                    }
                    System.out.printf("parity step %d: loss %.7f (torch %.7f), grad norm %.5f (torch %.5f)%n", step,
                            loss, want.get("loss").asDouble(), norm, want.get("grad_norm").asDouble());
                }
                System.out.printf("parity: max |Java - torch| over all %d parameters after 2 steps: %.3g%n",
                        model.stateDict().size(), worst);
                assertThat(model.logitScale().getFloat()).isLessThanOrEqualTo(ContrastiveStep.MAX_LOGIT_SCALE);
            }
        }
    }
}
