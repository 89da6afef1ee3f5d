package dev.rampart.waf.body;

import dev.rampart.waf.engine.TransactionState;
import dev.rampart.waf.engine.UrlEncoded;
import dev.rampart.waf.transform.ByteText;

/**
 * The URL-encoded request body processor ({@code application/x-www-form-urlencoded}): each pair
 * becomes a request-body argument, decoded as the query string is.
 */
public final class UrlEncodedBody {

    private UrlEncodedBody() {}

    public static void process(byte[] body, TransactionState tx) {
        boolean invalid = UrlEncoded.parse(ByteText.of(body), tx::addPostArgument);
        tx.urlencodedError(invalid);
    }
}
