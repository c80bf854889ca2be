package dev.diagonal.app.finetune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.project.SimilaritySnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeLabelsTest {

    @Test
    void aClassPromptCaptionIsShownAsItsClassNameAndARealCaptionAsItself() {
        // as a labelled run of an older version wrote it: rows the labels, columns the templated captions
        SimilaritySnapshot snapshot = new SimilaritySnapshot(40, List.of("golden_retriever", "tabby-cat", "cat", "bird"),
                List.of("a painting of a golden retriever.", "a rendering of a tabby cat.", "a cat asleep on a sofa",
                        "a painting of a cat."),
                new float[4][4], null);

        assertThat(ProbeLabels.columns(snapshot)).containsExactly("golden retriever", "tabby cat",
                "a cat asleep on a sofa", "a painting of a cat.");
    }

    @Test
    void captionOnlyRunsAndExtraColumnsKeepTheirCaptions() {
        SimilaritySnapshot files = new SimilaritySnapshot(0, List.of("001.jpg"), List.of("a photo of a 001.jpg.", "a dog"),
                new float[1][2], null);

        assertThat(ProbeLabels.columns(files)).as("a file name is no class: still the template's own words")
                .containsExactly("001.jpg", "a dog");
        assertThat(ProbeLabels.column("a photo of a dog.", null)).isEqualTo("a photo of a dog.");
    }
}
