package dev.rampart.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.core.config.StoreConfig.Kind;
import dev.rampart.store.sql.Migrations;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MigrationsTest {

    private static List<String> migrations(Kind kind) throws IOException, URISyntaxException {
        URL directory = Migrations.class.getClassLoader().getResource(Migrations.directory(kind));
        assertThat(directory).as("class-path directory %s", Migrations.directory(kind)).isNotNull();
        try (Stream<Path> files = Files.list(Path.of(directory.toURI()))) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    /** A migration written for one engine only would leave the other without the table. */
    @Test
    void everyMigrationExistsForBothEngines() throws Exception {
        List<String> sqlite = migrations(Kind.sqlite);

        assertThat(sqlite).isNotEmpty().allMatch(name -> name.matches("V\\d+__[a-z0-9_]+\\.sql"));
        assertThat(migrations(Kind.postgresql)).isEqualTo(sqlite);
    }
}
