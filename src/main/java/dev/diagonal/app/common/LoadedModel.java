package dev.diagonal.app.common;

import dev.diagonal.eval.Embedder;
import java.nio.file.Path;

/**
 * A model loaded for inference.
 *
 * @param folder   the HF model folder
 * @param device   the device it lives on, as DJL names it (e.g. {@code cpu()})
 * @param embedder the loaded model with its tokenizer and preprocessing
 */
public record LoadedModel(Path folder, String device, Embedder embedder) {}
