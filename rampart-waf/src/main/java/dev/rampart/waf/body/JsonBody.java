package dev.rampart.waf.body;

import dev.rampart.waf.engine.TransactionState;
import dev.rampart.waf.transform.ByteText;
import java.util.ArrayDeque;
import java.util.Deque;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The JSON request body processor ({@code ctl:requestBodyProcessor=JSON}): every scalar becomes a
 * request-body argument named by its path as ModSecurity and Coraza name it — {@code json.user.name},
 * {@code json.items.0}, and {@code json.items} holding the array's length — read with a streaming parser so a large body is never held as a tree.
 * Nesting deeper than {@link #MAX_DEPTH} is a body error, as in ModSecurity's JSON depth limit.
 */
public final class JsonBody {

    static final int MAX_DEPTH = 512;

    /** Marks an object level in the index stack (array levels hold their next index). */
    private static final int OBJECT = -1;

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonBody() {}

    /** Adds the arguments of {@code body} to {@code tx}; records REQBODY_ERROR when it is not valid JSON. */
    public static void process(byte[] body, TransactionState tx) {
        Deque<String> path = new ArrayDeque<>();
        Deque<int[]> arrayIndexes = new ArrayDeque<>();
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), body)) {
            JsonToken token;
            String pendingName = null;
            while ((token = parser.nextToken()) != null) {
                switch (token) {
                    case PROPERTY_NAME:
                        pendingName = parser.currentName();
                        break;
                    case START_OBJECT:
                    case START_ARRAY:
                        path.addLast(path.isEmpty() ? "json" : childName(path, arrayIndexes, pendingName));
                        arrayIndexes.addLast(new int[] {token == JsonToken.START_ARRAY ? 0 : OBJECT});
                        if (path.size() > MAX_DEPTH) {
                            tx.reqbodyError("JSON nesting deeper than " + MAX_DEPTH + " levels");
                            return;
                        }
                        pendingName = null;
                        break;
                    case END_OBJECT:
                        path.removeLast();
                        arrayIndexes.removeLast();
                        break;
                    case END_ARRAY:
                        // As Coraza: the array itself is an argument holding its length, so ARGS_NAMES
                        // has the key that holds a list ({"roles__in": [...]}) and not only its items.
                        tx.addPostArgument(path.removeLast(), Integer.toString(arrayIndexes.removeLast()[0]));
                        break;
                    default:
                        String name = path.isEmpty() ? "json" : childName(path, arrayIndexes, pendingName);
                        String value = token == JsonToken.VALUE_NULL ? "" : parser.getString();
                        tx.addPostArgument(name, ByteText.ofUtf8(value));
                        pendingName = null;
                }
            }
        } catch (JacksonException e) {
            tx.reqbodyError("JSON parsing error: " + e.getOriginalMessage());
        }
    }

    /** The full name of the next value inside the innermost container: its key, or its index in an array. */
    private static String childName(Deque<String> path, Deque<int[]> arrayIndexes, String propertyName) {
        int[] index = arrayIndexes.peekLast();
        String parent = path.peekLast();
        if (index != null && index[0] != OBJECT) {
            return parent + "." + index[0]++;
        }
        return parent + "." + ByteText.ofUtf8(propertyName == null ? "" : propertyName);
    }
}
