package org.behalf.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server started the way a deployer might first try it: the jar's classes run from a folder
 * without Behalf's {@code config/}. It must stop at once and say where it looked and what to do,
 * not fail in a database migration with a syntax error.
 */
class SettingsFolderTest {

    @TempDir
    Path folder;

    @Test
    void aStartWithoutTheSettingsFolderStopsAtOnceAndSaysWhy() throws Exception {
        List<String> command = ServerJvm.command(System.getProperty("java.class.path")).stream()
                .filter(option -> !option.startsWith("-Dspring.config.additional-location=")).toList();
        Path log = folder.resolve("server.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().remove("BEHALF_DB_URL");
        builder.environment().put("BEHALF_DATA_DIR", folder.resolve("data").toString());
        Process server = builder.start();
        try {
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).as(() -> "still running:\n" + tail(log)).isTrue();
            String output = Files.readString(log);
            assertThat(server.exitValue()).isNotZero();
            assertThat(output).contains("Behalf found no settings: it reads config/application.yml from the folder it is started in, "
                    + folder.toAbsolutePath() + ", and there is none there.");
            assertThat(output).contains("put Behalf's config/ folder beside the jar").doesNotContain("Flyway", "h2");
            assertThat(folder.resolve("data")).doesNotExist();
        } finally {
            server.destroyForcibly();
        }
    }

    private static String tail(Path log) {
        try {
            return ServerJvm.tail(log);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
