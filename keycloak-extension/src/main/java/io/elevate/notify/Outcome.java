package io.elevate.notify;

import java.time.Duration;

/**
 * What a receiver answered one delivery: done (with what later notices need of the answer, e.g. a Slack message's
 * channel and ts), or failed with why; a failure is {@code permanent} when trying again cannot help (the receiver is
 * no longer configured), and may say when to try again ({@code retryAfter}, e.g. Slack's Retry-After).
 */
record Outcome(String error, String reply, boolean permanent, Duration retryAfter) {

    static final Outcome OK = new Outcome(null, null, false, null);

    static Outcome sent(String reply) {
        return new Outcome(null, reply, false, null);
    }

    static Outcome failed(String error) {
        return new Outcome(error, null, false, null);
    }

    static Outcome refused(String error) {
        return new Outcome(error, null, true, null);
    }

    /**
     * HTTP 429: try again after the receiver's {@code Retry-After} (seconds, at least 1), or half a minute when it sent
     * none or something else; {@code what} names the call.
     */
    static Outcome rateLimited(String what, String retryAfterHeader) {
        long seconds = 30;
        if (retryAfterHeader != null) {
            try {
                seconds = Long.parseLong(retryAfterHeader.trim());
            } catch (NumberFormatException ignored) {
                // not seconds: wait half a minute
            }
        }
        return later(what + "HTTP 429 (Retry-After " + seconds + " s)", Duration.ofSeconds(Math.max(1, seconds)));
    }

    static Outcome later(String error, Duration retryAfter) {
        return new Outcome(error, null, false, retryAfter);
    }

    static Outcome of(String error) {
        return error == null ? OK : failed(error);
    }

    boolean ok() {
        return error == null;
    }
}
