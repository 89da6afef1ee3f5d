package dev.rampart.validation.body;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** A body that starts with {@code prefix} and then repeats {@code filler} forever, as a hostile client would send it. */
final class EndlessBody extends InputStream {

    private final byte[] prefix;
    private final byte[] filler;
    private long position;

    EndlessBody(String prefix, String filler) {
        this.prefix = prefix.getBytes(StandardCharsets.ISO_8859_1);
        this.filler = filler.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public int read() {
        long p = position++;
        return (p < prefix.length ? prefix[(int) p] : filler[(int) ((p - prefix.length) % filler.length)]) & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        for (int i = 0; i < len; i++) {
            b[off + i] = (byte) read();
        }
        return len;
    }
}
