package dev.diagonal.project;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Properties;

/**
 * Versions of the software a run used. Found without starting any engine: Diagonal's from its jar
 * manifest ({@code Implementation-Version}) or Maven's {@code pom.properties}, else {@value #DEV};
 * DJL's and PyTorch's from the properties files inside DJL's jars, else {@value #UNKNOWN}.
 *
 * @param diagonal Diagonal version, {@value #DEV} when running from a build folder
 * @param djl      DJL version
 * @param pytorch  PyTorch native version the DJL engine expects
 * @param java     Java runtime version (e.g. {@code 17.0.15+6-Debian-1deb12u1})
 * @param os       operating system name and version
 * @param arch     CPU architecture
 */
@JsonPropertyOrder({"diagonal", "djl", "pytorch", "java", "os", "arch"})
public record Versions(String diagonal, String djl, String pytorch, String java, String os, String arch) {

    /** Diagonal's version when not running from a packaged jar. */
    public static final String DEV = "dev";
    /** A version that could not be found. */
    public static final String UNKNOWN = "unknown";

    /** The versions of this process. */
    public static Versions current() {
        return new Versions(diagonalVersion(), djlVersion(), pytorchVersion(),
                Runtime.version().toString(),
                System.getProperty("os.name", UNKNOWN) + " " + System.getProperty("os.version", ""),
                System.getProperty("os.arch", UNKNOWN));
    }

    private static String diagonalVersion() {
        String manifest = Versions.class.getPackage().getImplementationVersion();
        if (manifest != null && !manifest.isBlank()) {
            return manifest;
        }
        return property("META-INF/maven/dev.diagonal/diagonal/pom.properties", "version").orElse(DEV);
    }

    private static String djlVersion() {
        return property("ai/djl/engine/api.properties", "djl_version")
                .or(() -> specificationVersion("ai.djl.engine.Engine"))
                .orElse(UNKNOWN);
    }

    private static String pytorchVersion() {
        return property("pytorch-engine.properties", "pytorch_version").orElse(UNKNOWN);
    }

    /** The package version of a class, loaded without running its static initialiser. */
    private static Optional<String> specificationVersion(String className) {
        try {
            Package pkg = Class.forName(className, false, Versions.class.getClassLoader()).getPackage();
            return Optional.ofNullable(pkg == null ? null : pkg.getSpecificationVersion());
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    private static Optional<String> property(String resource, String key) {
        ClassLoader loader = Versions.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            properties.load(in);
            String value = properties.getProperty(key);
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
