package io.elevate.testing.layering.a;

import io.elevate.testing.layering.b.Second;

/** Half of a deliberate package cycle, for {@code io.elevate.LayeringTest} to prove that its cycle rule can fail. */
public final class First {

    Second next;
}
