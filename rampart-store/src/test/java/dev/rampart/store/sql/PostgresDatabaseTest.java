package dev.rampart.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostgresDatabaseTest {

    @Test
    void redactsAPasswordParameterOfTheUrl() {
        assertThat(PostgresDatabase.redact("jdbc:postgresql://db:5432/rampart?user=gw&password=hunter2&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/rampart?user=gw&password=***&ssl=true");
        assertThat(PostgresDatabase.redact("jdbc:postgresql://db/rampart?PASSWORD=hunter2"))
                .isEqualTo("jdbc:postgresql://db/rampart?PASSWORD=***");
    }

    @Test
    void redactsAPasswordGivenAsUserInfo() {
        assertThat(PostgresDatabase.redact("jdbc:postgresql://gw:hunter2@db:5432/rampart"))
                .isEqualTo("jdbc:postgresql://gw:***@db:5432/rampart");
    }

    @Test
    void leavesAUrlWithoutPasswordAsItIs() {
        String url = "jdbc:postgresql://db1:5432,db2:5432/rampart?currentSchema=gw&targetServerType=primary";

        assertThat(PostgresDatabase.redact(url)).isEqualTo(url);
    }

    @Test
    void blanksThePasswordOutOfADriverMessage() {
        Exception failure = new Exception("could not parse\n  options 'password=hunter2'");

        assertThat(Database.reason(failure, "hunter2")).isEqualTo("could not parse options 'password=***'");
    }
}
