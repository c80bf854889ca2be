package dev.diagonal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The engine stays free of UI toolkits: only {@code dev.diagonal.app} may use JavaFX, ControlsFX and
 * JFreeChart's FX viewer; JFreeChart itself (AWT, renders headless) only the app, the demo report and the
 * comparison charts.
 */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.diagonal");

    @Test
    void onlyTheAppUsesUiToolkits() {
        noClasses().that().resideOutsideOfPackage("dev.diagonal.app..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "org.jfree.chart.fx..")
                .because("the engine (clip, text, image, io, data, train, eval, project, cli, demo) must run headless")
                .check(classes);
    }

    @Test
    void chartsAreDrawnOnlyByTheAppTheDemoReportAndTheComparison() {
        noClasses().that().resideOutsideOfPackages("dev.diagonal.app..", "dev.diagonal.demo..", "dev.diagonal.compare..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jfree..")
                .check(classes);
    }

    @Test
    void theEngineDoesNotDependOnTheCommandLineOrTheApp() {
        noClasses().that().resideOutsideOfPackages("dev.diagonal.cli..", "dev.diagonal.app..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.diagonal.cli..", "dev.diagonal.app..")
                .check(classes);
    }

    @Test
    void viewModelsAndFormsStayOffTheSceneGraph() {
        // a view model is tested without a toolkit: properties and collections only, no nodes or windows
        noClasses().that().haveNameMatching("dev\\.diagonal\\.app\\..*(ViewModel|Form)(\\$.*)?")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
                .check(classes);
    }
}
