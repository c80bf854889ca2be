package dev.diagonal.clip;

/**
 * The text tower's shape and options, as in Hugging Face's {@code CLIPTextConfig}.
 *
 * @param eosTokenId the pooling rule: {@code 2} is HF's legacy rule (pool at the highest id);
 *     otherwise pool at the first occurrence of this id
 */
public record ClipTextConfig(
        int vocabSize,
        int hiddenSize,
        int intermediateSize,
        int numHiddenLayers,
        int numAttentionHeads,
        int maxPositionEmbeddings,
        HiddenAct hiddenAct,
        double layerNormEps,
        int bosTokenId,
        int eosTokenId,
        int padTokenId) {

    /** HF's legacy pooling rule: take the position of the highest token id (the end token). */
    public boolean legacyPooling() {
        return eosTokenId == 2;
    }

    /** Width of one attention head. */
    public int headDim() {
        return hiddenSize / numAttentionHeads;
    }
}
