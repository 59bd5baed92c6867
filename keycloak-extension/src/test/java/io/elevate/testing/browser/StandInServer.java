package io.elevate.testing.browser;

import java.util.List;

/**
 * A server on this machine that stands in for public hosts, e.g. {@code signin.aws.amazon.com}: {@link Chromium}
 * resolves those host names to {@code 127.0.0.1:}{@link #port()}, whatever port the URL names.
 */
public interface StandInServer {

    /** The public host names this server answers for. */
    List<String> hostNames();

    /** The port it listens on, on 127.0.0.1. */
    int port();
}
