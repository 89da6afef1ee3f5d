package dev.rampart.waf.transform;

/**
 * {@code t:urlDecodeUni}: {@code t:urlDecode} plus IIS-style {@code %uHHHH} escapes, which keep
 * the low byte of the code point, except full-width ASCII (U+FF01..U+FF5E), which becomes the
 * ASCII character ({@code %uff1c} is {@code <}) so the IIS evasion does not hide a payload.
 * <pre>SecRule ARGS "@rx <script" "id:1,phase:2,t:urlDecodeUni,t:lowercase,deny"</pre>
 */
public final class UrlDecodeUni implements Transformation {

    /** Only an escape or a {@code +} is decoded. */
    @Override
    public int triggers() {
        return CharClasses.PERCENT_OR_PLUS;
    }

    @Override
    public String apply(String value) {
        return UrlDecode.decode(value, true);
    }
}
