package dev.diagonal.app;

/**
 * A main class that is not an {@code Application}, so the workbench starts from a plain class path
 * ({@code mvn javafx:run}, an IDE) without the JavaFX launcher's module checks.
 */
public final class Launcher {

    private Launcher() {}

    public static void main(String[] args) {
        try {
            System.exit(Workbench.launch(args));
        } catch (dev.diagonal.DiagonalException e) {
            System.err.println("diagonal: " + e.getMessage());
            System.exit(2);
        }
    }
}
