package dev.rampart.core;

/** The head of a response about to be sent to the client. */
public interface ResponseHead {

    int status();

    /** Response header fields, mutable. */
    Headers headers();

    /** True when the gateway generated this response (a denial or direct answer), false when proxied. */
    boolean generated();
}
