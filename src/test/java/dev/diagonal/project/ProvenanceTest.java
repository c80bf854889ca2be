package dev.diagonal.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceTest {

    private static final String SHA_A = "0123456789abcdef0123456789abcdef01234567";
    private static final String SHA_B = "fedcba9876543210fedcba9876543210fedcba98";

    @TempDir
    Path tmp;

    @Test
    void versionsAreFoundWithoutStartingTheEngine() {
        Versions versions = Versions.current();

        assertThat(versions.djl()).isEqualTo("0.36.0");
        assertThat(versions.pytorch()).isEqualTo("2.7.1");
        assertThat(versions.java()).isEqualTo(Runtime.version().toString());
        assertThat(versions.diagonal()).isEqualTo(Versions.DEV);
        assertThat(versions.os()).startsWith(System.getProperty("os.name"));
        assertThat(versions.arch()).isEqualTo(System.getProperty("os.arch"));
    }

    @Test
    void captureFillsEverythingAndSurvivesJson() throws IOException {
        Path model = tmp.resolve("model");
        Files.createDirectories(model);
        Files.writeString(model.resolve("config.json"), "{}");
        Path data = tmp.resolve("data.csv");
        Files.writeString(data, "a,b\n");

        Provenance provenance = Provenance.capture("cpu()", Fingerprint.ofModelDir(model),
                List.of(Fingerprint.ofDataset(data)), 42);
        Path file = tmp.resolve("p.json");
        Json.write(file, provenance);

        assertThat(Json.read(file, Provenance.class)).isEqualTo(provenance);
        assertThat(provenance.djlVersion()).isEqualTo("0.36.0");
        assertThat(provenance.createdAt()).isNotNull();
        assertThat(provenance.seed()).isEqualTo(42);
        assertThat(provenance.data()).hasSize(1);
        // the tests run from a git worktree, so the build commit is resolvable
        assertThat(provenance.gitCommit()).matches("[0-9a-f]{40}");
    }

    @Test
    void headOfAPlainRepositoryWithLooseRef() throws IOException {
        Path git = Files.createDirectories(tmp.resolve("repo/.git/refs/heads"));
        Files.writeString(tmp.resolve("repo/.git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(git.resolve("main"), SHA_A + "\n");
        Path deep = Files.createDirectories(tmp.resolve("repo/target/classes"));

        assertThat(GitHead.ofWorkingTree(deep)).contains(SHA_A);
    }

    @Test
    void headOfAWorktreeWithPackedRefs() throws IOException {
        Path common = Files.createDirectories(tmp.resolve("main/.git"));
        Path worktreeGit = Files.createDirectories(common.resolve("worktrees/wt"));
        Files.writeString(worktreeGit.resolve("HEAD"), "ref: refs/heads/feature\n");
        Files.writeString(worktreeGit.resolve("commondir"), "../..\n");
        Files.writeString(common.resolve("packed-refs"),
                "# pack-refs with: peeled fully-peeled sorted\n" + SHA_A + " refs/heads/other\n" + SHA_B + " refs/heads/feature\n");
        Path worktree = Files.createDirectories(tmp.resolve("wt"));
        Files.writeString(worktree.resolve(".git"), "gitdir: " + worktreeGit + "\n");

        assertThat(GitHead.ofWorkingTree(worktree)).contains(SHA_B);
    }

    @Test
    void detachedHeadAndGarbage() throws IOException {
        Path git = Files.createDirectories(tmp.resolve("r/.git"));
        Files.writeString(git.resolve("HEAD"), SHA_B + "\n");
        assertThat(GitHead.ofWorkingTree(tmp.resolve("r"))).contains(SHA_B);

        Files.writeString(git.resolve("HEAD"), "ref: refs/heads/nowhere\n");
        assertThat(GitHead.ofWorkingTree(tmp.resolve("r"))).isEmpty();
        Files.writeString(git.resolve("HEAD"), "not a commit\n");
        assertThat(GitHead.ofWorkingTree(tmp.resolve("r"))).isEmpty();
    }
}
