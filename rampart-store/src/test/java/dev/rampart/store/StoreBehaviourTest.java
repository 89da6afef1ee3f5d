package dev.rampart.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every engine must do the same way. Each engine's test class opens stores on its own fresh
 * database; the tests run against a real database, never a mock.
 */
abstract class StoreBehaviourTest {

    private static final int THREADS = 8;

    private final List<Store> opened = new ArrayList<>();
    Store store;

    /** Opens another store on this test's database (the same database on every call within a test). */
    abstract Store openStore();

    /** How error messages name this test's database, e.g. "the SQLite store at /tmp/…/rampart.db". */
    abstract String location();

    Store open() {
        Store another = openStore();
        opened.add(another);
        return another;
    }

    @BeforeEach
    void openStoreWithNoSettings() throws SQLException {
        store = open();
        execute(store, "DELETE FROM settings");
    }

    @AfterEach
    void closeStores() {
        opened.forEach(Store::close);
    }

    @Test
    void appliesTheMigrationsWhenOpened() throws SQLException {
        assertThat(queryLong(store, "SELECT COUNT(*) FROM settings")).isZero();
        assertThat(queryLong(store, "SELECT COUNT(*) FROM flyway_schema_history WHERE version = '1' AND success"))
                .isEqualTo(1);
    }

    @Test
    void hasNoValueForASettingNeverPut() {
        assertThat(store.settings().get("never.put")).isEmpty();
    }

    @Test
    void readsBackWhatWasPut() {
        store.settings().put("greeting", "hello, wörld ✓");

        assertThat(store.settings().get("greeting")).contains("hello, wörld ✓");
    }

    @Test
    void putReplacesTheValueAlreadyThere() {
        store.settings().put("mode", "first");
        store.settings().put("mode", "second");

        assertThat(store.settings().get("mode")).contains("second");
    }

    @Test
    void deleteRemovesTheSettingAndSaysWhetherThereWasOne() {
        store.settings().put("doomed", "x");

        assertThat(store.settings().delete("doomed")).isTrue();
        assertThat(store.settings().get("doomed")).isEmpty();
        assertThat(store.settings().delete("doomed")).isFalse();
    }

    @Test
    void compareAndSetFromAbsentSucceedsOnlyOnce() {
        assertThat(store.settings().compareAndSet("token", null, "first")).isTrue();
        assertThat(store.settings().compareAndSet("token", null, "second")).isFalse();

        assertThat(store.settings().get("token")).contains("first");
    }

    @Test
    void compareAndSetWithAWrongExpectedValueLeavesTheSettingAlone() {
        store.settings().put("token", "current");

        assertThat(store.settings().compareAndSet("token", "stale", "next")).isFalse();
        assertThat(store.settings().get("token")).contains("current");
    }

    @Test
    void compareAndSetWithTheCurrentValueReplacesIt() {
        store.settings().put("token", "current");

        assertThat(store.settings().compareAndSet("token", "current", "next")).isTrue();
        assertThat(store.settings().get("token")).contains("next");
    }

    @Test
    void compareAndSetExpectingAValueFailsWhenTheSettingIsAbsent() {
        assertThat(store.settings().compareAndSet("token", "anything", "next")).isFalse();
        assertThat(store.settings().get("token")).isEmpty();
    }

    @Test
    void exactlyOneOfEightThreadsCreatesASetting() throws Exception {
        for (int round = 0; round < 5; round++) {
            String key = "first-start." + round;

            List<Boolean> won = race(i -> store.settings().compareAndSet(key, null, "thread-" + i));

            assertThat(won).containsOnlyOnce(true);
            assertThat(store.settings().get(key)).contains("thread-" + won.indexOf(true));
        }
    }

    @Test
    void exactlyOneOfEightThreadsReplacesTheSameValue() throws Exception {
        store.settings().put("rotating", "v0");

        List<Boolean> won = race(i -> store.settings().compareAndSet("rotating", "v0", "thread-" + i));

        assertThat(won).containsOnlyOnce(true);
        assertThat(store.settings().get("rotating")).contains("thread-" + won.indexOf(true));
    }

    @Test
    void exactlyOneOfTwoStoresOnTheSameDatabaseCreatesASetting() throws Exception {
        Store other = open();
        for (int round = 0; round < 5; round++) {
            String key = "cluster-first-start." + round;

            List<Boolean> won = race(i -> (i % 2 == 0 ? store : other).settings().compareAndSet(key, null, "thread-" + i));

            assertThat(won).containsOnlyOnce(true);
            assertThat(other.settings().get(key)).contains("thread-" + won.indexOf(true));
        }
    }

    @Test
    void incrementsThroughCompareAndSetFromTwoStoresLoseNoUpdate() throws Exception {
        Store other = open();
        store.settings().put("counter", "0");
        int incrementsPerThread = 20;

        race(i -> {
            Settings settings = (i % 2 == 0 ? store : other).settings();
            for (int done = 0; done < incrementsPerThread; ) {
                String seen = settings.get("counter").orElseThrow();
                if (settings.compareAndSet("counter", seen, String.valueOf(Integer.parseInt(seen) + 1))) {
                    done++;
                }
            }
            return true;
        });

        assertThat(store.settings().get("counter")).contains(String.valueOf(THREADS * incrementsPerThread));
    }

    @Test
    void keepsSettingsWhenReopened() {
        store.settings().put("admin.token.sha256", "ab12");
        store.close();

        Store reopened = open();

        assertThat(reopened.settings().get("admin.token.sha256")).contains("ab12");
    }

    @Test
    void closingTwiceIsHarmless() {
        store.close();
        store.close();
    }

    @Test
    void failsWithAStoreExceptionNamingTheStoreAfterClose() {
        store.close();

        assertThatThrownBy(() -> store.settings().get("anything"))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot read setting 'anything' from " + location() + ": ");
    }

    /** Runs {@code attempt} on eight threads released at the same instant; the results by thread. */
    static List<Boolean> race(IntFunction<Boolean> attempt) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch ready = new CountDownLatch(THREADS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                int thread = i;
                Callable<Boolean> task = () -> {
                    ready.countDown();
                    go.await();
                    return attempt.apply(thread);
                };
                results.add(threads.submit(task));
            }
            ready.await();
            go.countDown();
            List<Boolean> won = new ArrayList<>();
            for (Future<Boolean> result : results) {
                won.add(result.get(30, TimeUnit.SECONDS));
            }
            return won;
        } finally {
            threads.shutdownNow();
        }
    }

    static void execute(Store store, String sql) throws SQLException {
        try (Connection connection = store.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static long queryLong(Store store, String sql) throws SQLException {
        return Long.parseLong(queryString(store, sql));
    }

    static String queryString(Store store, String sql) throws SQLException {
        try (Connection connection = store.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            assertThat(row.next()).as("a row from %s", sql).isTrue();
            return row.getString(1);
        }
    }
}
