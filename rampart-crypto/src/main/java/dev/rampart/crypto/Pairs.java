package dev.rampart.crypto;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stored form of a secret's data and of custom metadata: a count, then length-prefixed UTF-8
 * names and values, sorted by name. Length prefixes, not separators, so no value needs escaping.
 */
final class Pairs {

    private Pairs() {}

    static byte[] encode(Map<String, String> pairs) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(pairs.size());
            for (Map.Entry<String, String> e : new TreeMap<>(pairs).entrySet()) {
                write(out, e.getKey());
                write(out, e.getValue());
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    static Map<String, String> decode(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            int count = in.readInt();
            TreeMap<String, String> pairs = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                pairs.put(read(in), read(in));
            }
            return Collections.unmodifiableMap(pairs);
        } catch (IOException e) {
            throw new IllegalStateException("a stored secret or metadata record is malformed", e);
        }
    }

    private static void write(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String read(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("length " + length + " past the end");
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
