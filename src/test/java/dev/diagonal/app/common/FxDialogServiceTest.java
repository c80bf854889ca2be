package dev.diagonal.app.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.diagonal.DiagonalException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** An error reaches the user as a dialog: the short message in front, the stack trace behind an expander. */
class FxDialogServiceTest {

    @Test
    void anErrorDialogShowsTheMessageAndHidesTheDetailsUntilAsked() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(s -> {
            s.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 400, 300));
            s.show();
        });
        FxDialogService dialogs = new FxDialogService(() -> stage);
        FxRobot robot = new FxRobot();
        Platform.runLater(() -> dialogs.showError("Loading dataset twitter failed",
                new DiagonalException("twitter.csv line 3: image not found: images/x.png")));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#error-dialog").tryQuery().isPresent());
        DialogPane pane = robot.lookup("#error-dialog").queryAs(DialogPane.class);

        assertThat(pane.getHeaderText()).isEqualTo("Loading dataset twitter failed");
        assertThat(robot.from(pane).lookup(".label").queryAllAs(Label.class)).extracting(Label::getText)
                .contains("twitter.csv line 3: image not found: images/x.png");
        assertThat(pane.isExpanded()).isFalse();
        WaitForAsyncUtils.asyncFx(() -> pane.setExpanded(true)).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        TextArea details = robot.from(pane).lookup(".text-area").queryAs(TextArea.class);
        assertThat(details.getText()).startsWith("dev.diagonal.DiagonalException: twitter.csv line 3").contains("\tat ");

        var image = WaitForAsyncUtils.asyncFx(() -> pane.getScene().snapshot(null)).get(5, TimeUnit.SECONDS);
        Files.createDirectories(Path.of("target"));
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", Path.of("target", "walkthrough-error-dialog.png").toFile());
        robot.clickOn("OK");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#error-dialog").tryQuery()).isEmpty();
        FxToolkit.cleanupStages();
    }
}
