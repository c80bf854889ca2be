package dev.diagonal.clip;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.diagonal.DiagonalException;
import java.util.Locale;

/** Chooses where tensors live: {@code cpu}, {@code gpu}, or {@code auto} (a GPU when DJL finds one). */
public final class Devices {

    private Devices() {}

    /** Resolves a {@code --device} value given how many GPUs the engine sees. */
    public static Device select(String choice, int gpuCount) {
        switch (choice == null ? "auto" : choice.toLowerCase(Locale.ROOT)) {
            case "cpu":
                return Device.cpu();
            case "gpu":
            case "cuda":
                if (gpuCount == 0) {
                    throw new DiagonalException("--device gpu: DJL finds no GPU (is the CUDA build of PyTorch installed? see README, \"GPU\")");
                }
                return Device.gpu();
            case "auto":
                return gpuCount > 0 ? Device.gpu() : Device.cpu();
            default:
                throw new DiagonalException("--device must be cpu, gpu or auto, not \"" + choice + "\"");
        }
    }

    /** Resolves a {@code --device} value on this machine. */
    public static Device select(String choice) {
        return select(choice, Engine.getInstance().getGpuCount());
    }
}
