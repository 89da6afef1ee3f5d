package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;
import java.util.concurrent.atomic.AtomicInteger;

/** Hands each variable that keeps a view of its values in the transaction its own view index. */
final class ViewIndexes {

    private static final AtomicInteger NEXT = new AtomicInteger();

    private ViewIndexes() {}

    static int next() {
        int index = NEXT.getAndIncrement();
        if (index >= TransactionState.VARIABLE_VIEWS) {
            throw new IllegalStateException("more than " + TransactionState.VARIABLE_VIEWS + " variable views");
        }
        return index;
    }
}
