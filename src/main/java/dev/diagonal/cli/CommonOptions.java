package dev.diagonal.cli;

import ai.djl.Device;
import dev.diagonal.clip.Devices;
import picocli.CommandLine.Option;

/** Flags every command that runs the model shares. */
final class CommonOptions {

    @Option(names = "--device", defaultValue = "auto", description = "cpu, gpu or auto (GPU when DJL finds one; default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--batch-size", defaultValue = "32", description = "images or texts per forward pass (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--verbose", description = "print stack traces and more detail")
    boolean verbose;

    Device device() {
        return Devices.select(device);
    }

    int batchSize() {
        if (batchSize < 1) {
            throw new dev.diagonal.DiagonalException("--batch-size must be at least 1, not " + batchSize);
        }
        return batchSize;
    }
}
