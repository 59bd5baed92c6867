package io.elevate.notify;

/** Where one row of the notice outbox stands. */
public enum NoticeState {
    /** Written, not yet tried. */
    PENDING,
    /** Tried and failed; tried again after the backoff. */
    FAILED,
    /** The receiver answered; never sent again. */
    SENT,
    /** Failed for longer than a notice is worth; no longer tried. */
    GIVEN_UP
}
