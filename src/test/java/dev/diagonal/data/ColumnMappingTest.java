package dev.diagonal.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diagonal.DiagonalException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnMappingTest {

    private static ColumnMapping.Resolved auto(String... columns) {
        return ColumnMapping.auto().resolve(List.of(columns), "m.csv");
    }

    @Test
    void autoAcceptsOpenClipHuggingFaceAndCaptionLabelLayouts() {
        assertThat(auto("filepath", "title")).isEqualTo(new ColumnMapping.Resolved("filepath", "title", null));
        assertThat(auto("image_path", "caption")).isEqualTo(new ColumnMapping.Resolved("image_path", "caption", null));
        assertThat(auto("filepath", "caption", "label", "category"))
                .isEqualTo(new ColumnMapping.Resolved("filepath", "caption", "label"));
        assertThat(auto("image", "text", "label")).isEqualTo(new ColumnMapping.Resolved("image", "text", "label"));
        assertThat(auto("file", "class")).isEqualTo(new ColumnMapping.Resolved("file", null, "class"));
    }

    @Test
    void autoMatchesCaseInsensitivelyAndPrefersEarlierDefaults() {
        assertThat(auto("Text", "Title", "IMAGE", "FilePath"))
                .isEqualTo(new ColumnMapping.Resolved("FilePath", "Title", null));
    }

    @Test
    void theImageColumnCannotBeTurnedOff() {
        assertThatThrownBy(() -> ColumnMapping.auto().withImage("").resolve(List.of("image", "text"), "m.csv"))
                .isInstanceOf(DiagonalException.class)
                .hasMessage("m.csv: the image column cannot be turned off");
    }

    @Test
    void turningBothTextRolesOffLeavesNothingToLearnFrom() {
        assertThatThrownBy(() -> ColumnMapping.auto().withCaption("").withLabel("")
                .resolve(List.of("image", "text", "label"), "m.csv"))
                .isInstanceOf(DiagonalException.class)
                .hasMessageStartingWith("m.csv: no caption or label column");
    }

    @Test
    void longColumnListsAreCutShortInMessages() {
        List<String> many = java.util.stream.IntStream.range(0, 30).mapToObj(i -> "c" + i).toList();

        assertThatThrownBy(() -> ColumnMapping.auto().resolve(many, "wide.csv"))
                .hasMessageContaining("c19, … (30 in all)")
                .hasMessageNotContaining("c20");
    }
}
