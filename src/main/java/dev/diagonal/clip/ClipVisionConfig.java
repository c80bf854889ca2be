package dev.diagonal.clip;

/** The image tower's shape and options, as in Hugging Face's {@code CLIPVisionConfig}. */
public record ClipVisionConfig(
        int hiddenSize,
        int intermediateSize,
        int numHiddenLayers,
        int numAttentionHeads,
        int numChannels,
        int imageSize,
        int patchSize,
        HiddenAct hiddenAct,
        double layerNormEps) {

    /** Patches along one side of the image. */
    public int patchesPerSide() {
        return imageSize / patchSize;
    }

    /** Positions in the sequence: one per patch plus the class token. */
    public int numPositions() {
        return patchesPerSide() * patchesPerSide() + 1;
    }

    /** Width of one attention head. */
    public int headDim() {
        return hiddenSize / numAttentionHeads;
    }
}
