package dev.diagonal.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The root command's workbench arguments, above all the positional project a file manager passes. */
class DiagonalCommandTest {

    @TempDir
    Path tmp;

    private static DiagonalCommand parsed(String... args) {
        DiagonalCommand command = new DiagonalCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void aProjectFileOpensItsFolder() throws IOException {
        Path file = Files.writeString(Files.createDirectories(tmp.resolve("p")).resolve("diagonal-project.json"), "{}");
        assertThat(parsed(file.toString(), "--snapshot", "x.png").workbenchArgs())
                .containsExactly("--project", tmp.resolve("p").toAbsolutePath().toString(), "--snapshot", "x.png");
    }

    @Test
    void aFolderIsTheProjectAndTheOptionsPassThrough() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("q"));
        assertThat(parsed("--screen", "runs", folder.toString()).workbenchArgs())
                .containsExactly("--project", folder.toString(), "--screen", "runs");
        assertThat(parsed("--project", "elsewhere").workbenchArgs()).containsExactly("--project", "elsewhere");
        assertThat(parsed().workbenchArgs()).isEmpty();
    }

    @Test
    void theHiddenUiBenchmarkOptionsPassThrough() {
        assertThat(parsed("--bench-ui", "out.json").workbenchArgs()).containsExactly("--bench-ui", "out.json");
        assertThat(parsed("--bench-ui", "out.json", "--bench-dataset", "twitter", "--bench-epochs", "2").workbenchArgs())
                .containsExactly("--bench-ui", "out.json", "--bench-dataset", "twitter", "--bench-epochs", "2");
        assertThat(new CommandLine(new DiagonalCommand()).getUsageMessage()).doesNotContain("--bench-ui");
    }

    @Test
    void refusesTwoProjectsOrAMissingOne() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("r"));
        assertThatThrownBy(() -> parsed("--project", "a", folder.toString()).workbenchArgs())
                .isInstanceOf(ParameterException.class).hasMessageContaining("not both");
        assertThatThrownBy(() -> parsed("embd").workbenchArgs())
                .isInstanceOf(ParameterException.class)
                .hasMessage("no project folder or file embd (nor a subcommand of that name; see --help)");
    }

    @Test
    void subcommandsStillWinOverThePositionalProject() {
        CommandLine commandLine = new CommandLine(new DiagonalCommand());
        CommandLine.ParseResult result = commandLine.parseArgs("info", "--model", "m");
        assertThat(result.subcommand().commandSpec().name()).isEqualTo("info");
        assertThat(((DiagonalCommand) commandLine.getCommand()).positionalProject).isNull();
    }

    @Test
    void everySubcommandPrintsItsHelp() {
        for (String name : Main.commandLine().getSubcommands().keySet()) {
            if (name.equals("help")) {
                continue;
            }
            CliRunner.Outcome outcome = CliRunner.run(name, "--help");
            assertThat(outcome.exitCode()).as(name + " --help").isZero();
            assertThat(outcome.out()).as(name + " --help").startsWith("Usage: diagonal " + name).contains("--help");
            assertThat(CliRunner.run("help", name).out()).isEqualTo(outcome.out());
        }
    }

    @Test
    void aMissingProjectIsAUsageErrorOnTheCommandLine() {
        CliRunner.Outcome outcome = CliRunner.run("no-such-project");
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(List.of(outcome.err().split("\n")).get(0))
                .isEqualTo("no project folder or file no-such-project (nor a subcommand of that name; see --help)");
    }
}
