package dev.diagonal.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.diagonal.DiagonalException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptionTemplatesTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAreSmallAndEachHasAPlaceholder() {
        List<String> templates = CaptionTemplates.defaults().templates();

        assertThat(templates).hasSizeBetween(4, 12).allMatch(t -> t.contains("{}"));
        assertThat(templates.get(0)).isEqualTo("a photo of a {}.");
    }

    @Test
    void classNamesReadUnderscoresAndHyphensAsSpaces() {
        assertThat(CaptionTemplates.className("golden_retriever")).isEqualTo("golden retriever");
        assertThat(CaptionTemplates.className("face-with__tears_of-joy ")).isEqualTo("face with tears of joy");
        assertThat(CaptionTemplates.className("cat")).isEqualTo("cat");
    }

    @Test
    void captionForRotatesThroughTheTemplates() {
        CaptionTemplates templates = CaptionTemplates.of(List.of("a {}.", "the {} and the {}."));

        assertThat(templates.captionFor("red_fox", 0)).isEqualTo("a red fox.");
        assertThat(templates.captionFor("red_fox", 3)).isEqualTo("the red fox and the red fox.");
        assertThat(templates.captionFor("red_fox", -1)).isEqualTo("the red fox and the red fox.");
        assertThat(templates.captionsFor("owl")).containsExactly("a owl.", "the owl and the owl.");
    }

    @Test
    void fillCaptionsCaptionsOnlyLabelOnlySamplesDeterministically() {
        CaptionTemplates templates = CaptionTemplates.defaults();
        Sample labelOnly = new Sample(Path.of("/a.png"), null, "red_apple");
        Sample captioned = new Sample(Path.of("/b.png"), "my own words", "pear");
        List<Sample> input = List.of(labelOnly, captioned);

        List<Sample> filled = templates.fillCaptions(input, 4);

        assertThat(filled.get(1)).isSameAs(captioned);
        assertThat(filled.get(0).caption()).contains("red apple").isIn(templates.captionsFor("red_apple"));
        assertThat(templates.fillCaptions(input, 4)).isEqualTo(filled);
    }

    @Test
    void loadReadsOneTemplatePerLineSkippingBlanksAndComments() {
        Path file = TestImages.text(dir.resolve("t.txt"), "# emoji prompts\n\nan emoji of {}.\n  a {} icon  \n");

        assertThat(CaptionTemplates.load(file).templates()).containsExactly("an emoji of {}.", "a {} icon");
    }

    @Test
    void loadNamesTheFileAndLineOfABadTemplate() {
        Path file = TestImages.text(dir.resolve("t.txt"), "a photo of {}.\n# fine\na photo of it.\n");

        assertThatThrownBy(() -> CaptionTemplates.load(file))
                .isInstanceOf(DiagonalException.class)
                .hasMessage(file + " line 3: template lacks {}");
    }

    @Test
    void loadRefusesMissingEmptyAndNonUtf8Files() {
        Path missing = dir.resolve("none.txt");
        Path empty = TestImages.text(dir.resolve("empty.txt"), "# only a comment\n");
        Path latin1 = TestImages.bytes(dir.resolve("latin1.txt"), new byte[] {'{', '}', ' ', (byte) 0xE9, '\n'});

        assertThatThrownBy(() -> CaptionTemplates.load(missing)).hasMessage("caption templates not found: " + missing);
        assertThatThrownBy(() -> CaptionTemplates.load(empty)).hasMessageStartingWith(empty + ": no templates");
        assertThatThrownBy(() -> CaptionTemplates.load(latin1)).hasMessageStartingWith(latin1 + " line 1: not UTF-8");
        assertThatThrownBy(() -> CaptionTemplates.of(List.of("no slot"))).isInstanceOf(DiagonalException.class);
    }
}
