package dev.rampart.audit;

import dev.rampart.core.config.StoreConfig;
import dev.rampart.core.config.StoreConfig.Kind;
import dev.rampart.store.Store;

class SqliteSubjectErasureTest extends SubjectErasureBehaviour {

    @Override
    Store openStore() {
        return Store.open(new StoreConfig(Kind.sqlite, "data", null, null, null, null), dir);
    }
}
