package dev.rampart.detect.pii.internal;

/**
 * A run of digit groups starting at a number's first digit and joined by single separators of one
 * kind (space or '-'), e.g. {@code 4111 1111 1111 1111} or {@code 078-05-1120}; at most
 * {@value #MAX_GROUPS} groups and {@value #MAX_DIGITS} digits are looked at. Card and SSN detectors
 * read the same run.
 */
final class NumberGroups {

    static final int MAX_GROUPS = 8;
    static final int MAX_DIGITS = 24;

    final int[] starts = new int[MAX_GROUPS];
    final int[] ends = new int[MAX_GROUPS];
    int count;
    char separator;
    int digits;
    /** The run went on past the groups kept (too long to be one value). */
    boolean overflow;

    /** Reads the run at {@code start} (a digit). */
    static NumberGroups read(CharSequence s, int start) {
        NumberGroups g = new NumberGroups();
        int n = s.length();
        int i = start;
        while (true) {
            int groupStart = i;
            while (i < n && Chars.isDigit(s.charAt(i))) {
                i++;
            }
            if (g.count == MAX_GROUPS || g.digits + (i - groupStart) > MAX_DIGITS) {
                g.overflow = true;
                return g;
            }
            g.starts[g.count] = groupStart;
            g.ends[g.count] = i;
            g.count++;
            g.digits += i - groupStart;
            if (i + 1 < n && (s.charAt(i) == ' ' || s.charAt(i) == '-') && Chars.isDigit(s.charAt(i + 1))
                    && (g.separator == 0 || g.separator == s.charAt(i))) {
                g.separator = s.charAt(i);
                i++;
            } else {
                return g;
            }
        }
    }

    int end() {
        return ends[count - 1];
    }

    int length(int group) {
        return ends[group] - starts[group];
    }

    /** The digits of groups {@code [from, to)} without separators. */
    String digits(CharSequence s, int from, int to) {
        StringBuilder b = new StringBuilder(MAX_DIGITS);
        for (int k = from; k < to; k++) {
            b.append(s, starts[k], ends[k]);
        }
        return b.toString();
    }
}
