package dev.diagonal.eval;

import java.util.List;

/**
 * The one naming of evaluation numbers, shared by training-time evaluation ({@code metrics.jsonl}),
 * {@code ./diagonal evaluate}, {@code ./diagonal zeroshot}, the workbench and the demo. Accuracies and
 * recalls are fractions in [0, 1]; mean ranks start at 1. The table is in docs/evaluation.md.
 */
public final class MetricNames {

    /** Zero-shot classification: share of images whose best-scoring class is the true one. */
    public static final String ZEROSHOT_TOP1 = "zeroshot_top1";
    /** Zero-shot classification: share of images with the true class among the five best. */
    public static final String ZEROSHOT_TOP5 = "zeroshot_top5";
    /** Image→text retrieval: share of images whose own caption ranks first. */
    public static final String IMAGE_TO_TEXT_R1 = "image_to_text_r1";
    /** Image→text retrieval: own caption among the first 5. */
    public static final String IMAGE_TO_TEXT_R5 = "image_to_text_r5";
    /** Image→text retrieval: own caption among the first 10. */
    public static final String IMAGE_TO_TEXT_R10 = "image_to_text_r10";
    /** Image→text retrieval: mean rank of the own caption. */
    public static final String IMAGE_TO_TEXT_MEAN_RANK = "image_to_text_mean_rank";
    /** Text→image retrieval: share of captions whose own image ranks first. */
    public static final String TEXT_TO_IMAGE_R1 = "text_to_image_r1";
    /** Text→image retrieval: own image among the first 5. */
    public static final String TEXT_TO_IMAGE_R5 = "text_to_image_r5";
    /** Text→image retrieval: own image among the first 10. */
    public static final String TEXT_TO_IMAGE_R10 = "text_to_image_r10";
    /** Text→image retrieval: mean rank of the own image. */
    public static final String TEXT_TO_IMAGE_MEAN_RANK = "text_to_image_mean_rank";
    /** Mean of both R@1: what caption-only runs pick their best checkpoint by. */
    public static final String RECALL_AT_1 = "recall_at_1";
    /** Probe batch (training only): mean cosine of each image with its own caption. */
    public static final String PROBE_DIAGONAL = "probe_diagonal";
    /** Probe batch (training only): mean cosine of each image with the other captions. */
    public static final String PROBE_OFF_DIAGONAL = "probe_off_diagonal";
    /** Probe batch (training only): share of images whose own caption scores highest. */
    public static final String PROBE_TOP1 = "probe_top1";
    /** A linear-probe run's classifier ({@code evaluate} only). */
    public static final String LINEAR_PROBE_TOP1 = "linear_probe_top1";
    /** A linear-probe run's classifier, top-5 ({@code evaluate} only). */
    public static final String LINEAR_PROBE_TOP5 = "linear_probe_top5";
    /** A Tip-Adapter run's classifier ({@code evaluate} only). */
    public static final String TIP_ADAPTER_TOP1 = "tip_adapter_top1";
    /** A Tip-Adapter run's classifier, top-5 ({@code evaluate} only). */
    public static final String TIP_ADAPTER_TOP5 = "tip_adapter_top5";

    /** The retrieval names, image→text then text→image, each R@1, R@5, R@10, mean rank; then {@link #RECALL_AT_1}. */
    public static final List<String> RETRIEVAL = List.of(IMAGE_TO_TEXT_R1, IMAGE_TO_TEXT_R5, IMAGE_TO_TEXT_R10,
            IMAGE_TO_TEXT_MEAN_RANK, TEXT_TO_IMAGE_R1, TEXT_TO_IMAGE_R5, TEXT_TO_IMAGE_R10, TEXT_TO_IMAGE_MEAN_RANK,
            RECALL_AT_1);

    private MetricNames() {}
}
