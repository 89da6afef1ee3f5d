package dev.rampart.waf.variable;

import dev.rampart.waf.engine.TransactionState;
import dev.rampart.waf.engine.VariableValue;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code XML}: the parsed XML request body (after {@code ctl:requestBodyProcessor=XML}), selected by
 * the two XPath expressions CRS uses: {@code XML:/*} (all text content of the document) and
 * {@code XML://@*} (every attribute value).
 * <pre>SecRule XML:/*|XML://@* "@rx &lt;script" "id:1,phase:2,deny"</pre>
 */
final class Xml implements Variable {

    static final String TEXT_CONTENT = "/*";
    static final String ATTRIBUTE_VALUES = "//@*";

    @Override
    public String name() {
        return "XML";
    }

    @Override
    public boolean isCollection() {
        return true;
    }

    @Override
    public List<VariableValue> values(TransactionState tx) {
        List<VariableValue> all = new ArrayList<>(values(tx, TEXT_CONTENT));
        all.addAll(values(tx, ATTRIBUTE_VALUES));
        return all;
    }

    @Override
    public List<VariableValue> values(TransactionState tx, String key) {
        if (tx.xmlTextContent() == null) {
            return List.of();
        }
        if (key.equals(TEXT_CONTENT)) {
            return List.of(new VariableValue("XML:" + TEXT_CONTENT, TEXT_CONTENT, tx.xmlTextContent()));
        }
        if (key.equals(ATTRIBUTE_VALUES)) {
            List<VariableValue> values = new ArrayList<>();
            for (String attribute : tx.xmlAttributeValues()) {
                values.add(new VariableValue("XML:" + ATTRIBUTE_VALUES, ATTRIBUTE_VALUES, attribute));
            }
            return values;
        }
        return List.of();
    }

    @Override
    public void checkSelector(String key) {
        if (!key.equals(TEXT_CONTENT) && !key.equals(ATTRIBUTE_VALUES)) {
            throw new IllegalArgumentException("XML supports the XPath selectors " + TEXT_CONTENT + " and "
                    + ATTRIBUTE_VALUES + ", not '" + key + "'");
        }
    }
}
