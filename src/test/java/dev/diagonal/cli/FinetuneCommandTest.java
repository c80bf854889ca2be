package dev.diagonal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.project.BestMetric;
import dev.diagonal.project.RunFolder;
import dev.diagonal.project.RunStatus;
import dev.diagonal.train.TrainFixtures;
import dev.diagonal.train.TrainingResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code finetune} and {@code resume} on the command line: a short run, and bad input without stack traces. */
class FinetuneCommandTest {

    @TempDir
    static Path tmp;
    static Path model;
    static Path data;

    @BeforeAll
    static void material() {
        System.setProperty("ai.djl.pytorch.num_threads", "1"); // tiny model on a shared 2-core box
        model = CliRunner.tinyModel(tmp.resolve("model"));
        data = TrainFixtures.shapes(tmp.resolve("shapes"), 3, 5);
    }

    private static String[] finetune(Path out, String... more) {
        String[] base = {"finetune", "--model", model.toString(), "--train", data.toString(), "--out", out.toString(),
            "--epochs", "2", "--batch-size", "8", "--lr", "1e-3", "--device", "cpu", "--log-every", "1"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void trainsAndRefusesToResumeACompletedRun() {
        Path out = tmp.resolve("run");
        CliRunner.Outcome outcome = CliRunner.run(finetune(out));
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).contains("training contrastive:", "step 1/", "loss", "img/s", "ETA", "eval @ step 0",
                "zero-shot top-1", "completed");
        assertThat(RunFolder.open(out).readRunJson().status()).isEqualTo(RunStatus.COMPLETED);
        BestMetric best = RunFolder.open(out).readRunJson().bestMetric();
        assertThat(best.step() == 0 ? outcome.err() : outcome.out()).contains(best.name(), out.resolve("best").toString());
        CliRunner.Outcome latest = CliRunner.run("evaluate", "--model", out.toString(), "--data", data.toString(),
                "--checkpoint", "latest", "--device", "cpu", "--out", tmp.resolve("latest.json").toString());
        assertThat(latest.exitCode()).as(latest.err()).isZero();
        assertThat(latest.err()).contains("note: evaluating run run, checkpoints/step-");
        assertThat(CliRunner.run("evaluate", "--model", out.toString(), "--data", data.toString(), "--device", "cpu",
                "--out", tmp.resolve("best.json").toString()).err()).contains("note: evaluating run run, best/ (step ");
        CliRunner.Outcome again = CliRunner.run("resume", out.toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).startsWith("diagonal: ").contains("already completed").doesNotContain("\tat ");
        CliRunner.Outcome taken = CliRunner.run(finetune(out));
        assertThat(taken.exitCode()).isEqualTo(1);
        assertThat(taken.err()).contains("not empty", "diagonal resume");
    }

    @Test
    void saysWhichWeightsBestHolds() {
        Path run = tmp.resolve("said");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = FinetuneCommand.finish(new TrainingResult("contrastive", RunStatus.COMPLETED, 140, 140, null,
                new BestMetric("zeroshot_top1", 0.3125, 40L), run, 50, null), new PrintWriter(out), new PrintWriter(err));
        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("best: zeroshot_top1 0.3125 at step 40 of 140 -> " + run.resolve("best"));
        assertThat(err.toString()).isEmpty();

        out.getBuffer().setLength(0);
        FinetuneCommand.finish(new TrainingResult("contrastive", RunStatus.COMPLETED, 10, 10, null,
                new BestMetric("recall_at_1", 0.0, 0L), run, 50, null), new PrintWriter(out), new PrintWriter(err));
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).startsWith("warning: no evaluation beat the model training started from")
                .contains("recall_at_1 0.0000 at step 0", "--checkpoint latest", "step 10");

        err.getBuffer().setLength(0);
        FinetuneCommand.finish(new TrainingResult("contrastive", RunStatus.COMPLETED, 10, 10, null, null, run, 50, null),
                new PrintWriter(out), new PrintWriter(err));
        assertThat(out.toString()).contains("no validation metric", "step 10");

        out.getBuffer().setLength(0);
        FinetuneCommand.finish(new TrainingResult("linear-probe", RunStatus.COMPLETED, 7, 7, null, null, run, 0,
                "validation top-1 0.8333, top-5 1.0000 at C = 0.1"), new PrintWriter(out), new PrintWriter(err));
        assertThat(out.toString()).isEqualTo("linear-probe: validation top-1 0.8333, top-5 1.0000 at C = 0.1 -> " + run
                + System.lineSeparator());

        out.getBuffer().setLength(0);
        assertThat(FinetuneCommand.finish(new TrainingResult("contrastive", RunStatus.CANCELLED, 5, 10, "cancelled", null, run, 50, null),
                new PrintWriter(out), new PrintWriter(err))).isEqualTo(130);
        assertThat(out.toString() + err).isEmpty();
    }

    @Test
    void aLinearProbeRunsThroughTheSameCommandAndDoesNotResume() {
        Path out = tmp.resolve("probe");
        CliRunner.Outcome outcome = CliRunner.run("finetune", "--model", model.toString(), "--train", data.toString(),
                "--out", out.toString(), "--method", "linear-probe", "--device", "cpu", "--batch-size", "8");
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).contains("linear-probe: validation top-1 ", " at C = ", "-> " + out.toAbsolutePath());
        assertThat(out.resolve("result.json")).exists();
        assertThat(RunFolder.open(out).readRunJson().method()).isEqualTo("linear-probe");
        CliRunner.Outcome resume = CliRunner.run("resume", out.toString());
        assertThat(resume.exitCode()).isEqualTo(1);
        assertThat(resume.err()).contains("linear-probe run; only contrastive, lora runs resume");
        CliRunner.Outcome unknown = CliRunner.run(finetune(tmp.resolve("z"), "--method", "dora"));
        assertThat(unknown.err()).contains("diagonal: --method must be one of contrastive, linear-probe, lora, tip-adapter, tip-adapter-f, not dora");
        assertThat(tmp.resolve("z")).doesNotExist();
    }

        @Test
    void lrAutoSaysWhatItPickedAndWhy() {
        Path out = tmp.resolve("auto");
        CliRunner.Outcome outcome = CliRunner.run("finetune", "--model", model.toString(), "--train", data.toString(),
                "--out", out.toString(), "--lr", "auto", "--epochs", "1", "--batch-size", "8", "--device", "cpu");
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out()).containsPattern("LR range test \\(\\d+ steps on training batches, lr 1e-07 to 1e\\+00\\)")
                .contains("picked the smaller of the lowest's lr / 10 and the steepest descent = ");
        assertThat(RunFolder.open(out).readRunJson().hyperparameters()).containsKey("lr_range_test");
    }

        @Test
    void badDataShowsTheValidationReportAndLeavesNoRun() throws Exception {
        Path manifest = tmp.resolve("bad.csv");
        Files.writeString(manifest, "image,caption\nnot-there.png,a cat\n");
        Path out = tmp.resolve("bad-run");
        CliRunner.Outcome outcome = CliRunner.run("finetune", "--model", model.toString(), "--train", manifest.toString(),
                "--out", out.toString());
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).startsWith("diagonal: no usable samples").contains("not-there.png", "file not found")
                .doesNotContain("\tat ", "Exception");
        assertThat(out).doesNotExist();
    }

    @Test
    void badOptionsNameTheOption() {
        CliRunner.Outcome lr = CliRunner.run(finetune(tmp.resolve("x"), "--weight-decay=-1"));
        assertThat(lr.exitCode()).isEqualTo(1);
        assertThat(lr.err()).contains("diagonal: --weight-decay must not be negative, not -1.0").doesNotContain("\tat ");
        CliRunner.Outcome fast = CliRunner.run("finetune", "--model", model.toString(), "--train", data.toString(),
                "--out", tmp.resolve("x").toString(), "--lr", "fast");
        assertThat(fast.err()).contains("diagonal: --lr must be a number (e.g. 1e-5) or auto, not \"fast\"");
        CliRunner.Outcome freeze = CliRunner.run(finetune(tmp.resolve("y"), "--freeze", "vision"));
        assertThat(freeze.err()).contains("--freeze", "vision");
        CliRunner.Outcome missing = CliRunner.run("resume", tmp.resolve("no-such-run").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("no-such-run");
        assertThat(tmp.resolve("x")).doesNotExist();
    }
}
