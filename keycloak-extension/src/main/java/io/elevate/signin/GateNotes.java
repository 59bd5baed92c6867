package io.elevate.signin;

import java.util.Arrays;
import java.util.List;

/** The client-session note through which the gate tells the mapper which windows the sign-in carries. */
final class GateNotes {

    public static final String WINDOW_IDS = "elevate.window_ids";

    private GateNotes() {
    }

    static String join(List<String> ids) {
        return String.join(",", ids);
    }

    public static List<String> windowIds(String note) {
        return note == null || note.isBlank() ? List.of() : Arrays.asList(note.split(","));
    }
}
