package io.elevate.notify;

/**
 * Tells people about elevation events. Called after the change is committed, never on a sign-in; an implementation
 * must not throw for a delivery failure (it logs it), so one broken channel never blocks another.
 */
public interface Notifier {

    void send(Notice notice);
}
