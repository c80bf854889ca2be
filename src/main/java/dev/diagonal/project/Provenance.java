package dev.diagonal.project;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Where a run came from, stored in its {@code run.json} (after Tribuo's provenance): software
 * versions, machine, model and data fingerprints and the seed, so a result can be traced and redone.
 *
 * @param diagonalVersion Diagonal version ({@value Versions#DEV} from a build folder)
 * @param djlVersion      DJL version
 * @param pytorchVersion  PyTorch native version DJL's engine expects
 * @param javaVersion     Java runtime version
 * @param os              operating system name and version
 * @param arch            CPU architecture
 * @param device          compute device the run used, as the trainer names it (e.g. {@code cpu()})
 * @param createdAt       when the provenance was captured
 * @param gitCommit       commit Diagonal was built from; null when it cannot be found
 * @param model           fingerprint of the model folder; null if the run had no model
 * @param data            fingerprints of the datasets, in the order the run used them
 * @param seed            random seed of the run
 */
@JsonPropertyOrder({"diagonalVersion", "djlVersion", "pytorchVersion", "javaVersion", "os", "arch", "device",
        "createdAt", "gitCommit", "model", "data", "seed"})
public record Provenance(String diagonalVersion, String djlVersion, String pytorchVersion, String javaVersion,
        String os, String arch, String device, Instant createdAt, String gitCommit, Fingerprint model,
        List<Fingerprint> data, long seed) {

    /** Makes {@code data} an unmodifiable, never-null list. */
    public Provenance {
        data = data == null ? List.of() : List.copyOf(data);
    }

    /**
     * Captures the provenance of a run starting now in this process.
     *
     * @param device the compute device (e.g. DJL's {@code Device.toString()})
     * @param model  fingerprint of the model, see {@link Fingerprint#ofModelDir}
     * @param data   fingerprints of the datasets, see {@link Fingerprint#ofDataset}
     * @param seed   the run's random seed
     */
    public static Provenance capture(String device, Fingerprint model, List<Fingerprint> data, long seed) {
        Versions versions = Versions.current();
        return new Provenance(versions.diagonal(), versions.djl(), versions.pytorch(), versions.java(),
                versions.os(), versions.arch(), device, Instant.now().truncatedTo(ChronoUnit.MILLIS),
                GitHead.ofCode(Provenance.class).orElse(null), model, data, seed);
    }
}
