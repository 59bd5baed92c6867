package io.elevate.testing.layering.b;

import io.elevate.testing.layering.a.First;

/** The other half of the deliberate package cycle of {@link First}. */
public final class Second {

    First back;
}
