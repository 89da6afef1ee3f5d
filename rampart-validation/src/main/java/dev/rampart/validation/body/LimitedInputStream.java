package dev.rampart.validation.body;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** An input stream that fails with {@link LimitExceededException} once more than {@code max} bytes are read. */
final class LimitedInputStream extends FilterInputStream {

    /** Thrown when the stream passes its limit; carries no data from the stream. */
    static final class LimitExceededException extends IOException {
        LimitExceededException(long max) {
            super("more than " + max + " bytes");
        }
    }

    private final long max;
    private long count;
    private boolean exceeded;

    LimitedInputStream(InputStream in, long max) {
        super(in);
        this.max = max;
    }

    /** Whether the limit was passed; parsers may wrap or replace the exception, the flag stays. */
    boolean exceeded() {
        return exceeded;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }

    private void count(long n) throws LimitExceededException {
        count += n;
        if (count > max) {
            exceeded = true;
            throw new LimitExceededException(max);
        }
    }
}
