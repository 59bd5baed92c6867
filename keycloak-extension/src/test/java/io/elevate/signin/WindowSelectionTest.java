package io.elevate.signin;

import io.elevate.window.ElevationWindow;
import io.elevate.window.TestWindows;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.elevate.window.TestWindows.NOW;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Choosing windows at sign-in")
class WindowSelectionTest {

    private static final GateConfig STRICT = GateConfig.of(null, io.elevate.AwsPartition.AWS);
    private static final ElevationMapperConfig SINGLE = ElevationMapperConfig.of(Map.of());
    private static final ElevationMapperConfig NUMBERED = ElevationMapperConfig.of(Map.of("numberedMode", "true"));

    private static final List<String> OFFERED = List.of("w-1", "w-2");

    private final ElevationWindow long1 = TestWindows.open("w-1", Duration.ofHours(2), Map.of("AppId", "A"));
    private final ElevationWindow long2 = TestWindows.open("w-2", Duration.ofHours(3), Map.of("AppId", "B"));
    private final ElevationWindow ending = TestWindows.open("w-3", Duration.ofMinutes(10), Map.of("AppId", "C"));

    @Test
    void deniesWithoutAnOpenWindow() {
        assertThat(new WindowSelection(STRICT, SINGLE).decide(List.of(), NOW))
                .isEqualTo(Decision.Deny.of("no_open_window", "elevateNoWindow"));
    }

    @Test
    void grantsTheOnlyWindow() {
        assertThat(new WindowSelection(STRICT, SINGLE).decide(List.of(long1), NOW))
                .isEqualTo(new Decision.Grant(List.of(long1)));
    }

    @Test
    void deniesAWindowEndingWithinFifteenMinutesByDefault() {
        assertThat(new WindowSelection(STRICT, SINGLE).decide(List.of(ending), NOW))
                .isEqualTo(Decision.Deny.of("window_ends_too_soon", "elevateWindowEndsSoon"));
    }

    @Test
    void allowsAWindowEndingSoonWhenConfigured() {
        GateConfig lenient = new GateConfig(true, STRICT.relayStatePolicy());
        assertThat(new WindowSelection(lenient, SINGLE).decide(List.of(ending), NOW))
                .isEqualTo(new Decision.Grant(List.of(ending)));
    }

    @Test
    void leavesOutWindowsEndingSoonWhenOthersAreOpen() {
        assertThat(new WindowSelection(STRICT, SINGLE).decide(List.of(long1, ending), NOW))
                .isEqualTo(new Decision.Grant(List.of(long1)));
    }

    @Test
    void asksToPickAmongSeveralAndOffersAllOnlyInNumberedMode() {
        assertThat(new WindowSelection(STRICT, SINGLE).decide(List.of(long1, long2), NOW))
                .isEqualTo(new Decision.Pick(List.of(long1, long2), false));
        assertThat(new WindowSelection(STRICT, NUMBERED).decide(List.of(long1, long2), NOW))
                .isEqualTo(new Decision.Pick(List.of(long1, long2), true));
    }

    @Test
    void grantsThePickedWindowOnly() {
        assertThat(new WindowSelection(STRICT, SINGLE).choose("w-2", OFFERED, List.of(long1, long2), NOW))
                .isEqualTo(new Decision.Grant(List.of(long2)));
    }

    @Test
    void refusesAllWhenNotInNumberedModeAndAnIdThatIsNotOpen() {
        WindowSelection selection = new WindowSelection(STRICT, SINGLE);
        Decision.Pick again = new Decision.Pick(List.of(long1, long2), false);
        assertThat(selection.choose("all", OFFERED, List.of(long1, long2), NOW))
                .isEqualTo(new Decision.Repick(again, "elevatePickInvalid"));
        assertThat(selection.choose("someone-elses-window", OFFERED, List.of(long1, long2), NOW))
                .isEqualTo(new Decision.Repick(again, "elevatePickInvalid"));
    }

    @Test
    void grantsAllInNumberedMode() {
        assertThat(new WindowSelection(STRICT, NUMBERED).choose("all", OFFERED, List.of(long1, long2), NOW))
                .isEqualTo(new Decision.Grant(List.of(long1, long2)));
    }

    @Nested
    @DisplayName("when a window the picker offered closed while it was open")
    class WhenAnOfferedWindowClosed {

        private final ElevationWindow long3 = TestWindows.open("w-5", Duration.ofHours(4), Map.of("AppId", "E"));

        @Test
        void showsThePickerOfTheWindowsLeftEvenIfOnlyOneIsLeftInsteadOfChoosingIt() {
            assertThat(new WindowSelection(STRICT, SINGLE).choose("w-2", OFFERED, List.of(long1), NOW))
                    .isEqualTo(new Decision.Repick(new Decision.Pick(List.of(long1), false), "elevatePickClosed"));
        }

        @Test
        void showsThePickerAgainWhenTheChosenOneIsGoneAndOthersAreOpen() {
            assertThat(new WindowSelection(STRICT, NUMBERED).choose("w-2", List.of("w-1", "w-2", "w-5"),
                    List.of(long1, long3), NOW))
                    .isEqualTo(new Decision.Repick(new Decision.Pick(List.of(long1, long3), true),
                            "elevatePickClosed"));
        }

        @Test
        void neverGrantsTheRestOfAllOfThem() {
            assertThat(new WindowSelection(STRICT, NUMBERED).choose("all", List.of("w-1", "w-2", "w-5"),
                    List.of(long1, long3), NOW))
                    .isEqualTo(new Decision.Repick(new Decision.Pick(List.of(long1, long3), true),
                            "elevatePickClosed"));
        }

        @Test
        void treatsAWindowNowEndingTooSoonAsClosed() {
            ElevationWindow nowEnding = TestWindows.open("w-2", Duration.ofMinutes(10), Map.of("AppId", "B"));
            assertThat(new WindowSelection(STRICT, SINGLE).choose("w-2", OFFERED, List.of(long1, nowEnding), NOW))
                    .isEqualTo(new Decision.Repick(new Decision.Pick(List.of(long1), false), "elevatePickClosed"));
        }

        @Test
        void deniesWhenNoWindowIsLeft() {
            assertThat(new WindowSelection(STRICT, SINGLE).choose("w-2", OFFERED, List.of(), NOW))
                    .isEqualTo(Decision.Deny.of("no_open_window", "elevateNoWindow"));
        }
    }

    @Test
    void refusesAnAnswerWhenThePickerOfferedNothingEvenIfOneWindowIsOpen() {
        assertThat(new WindowSelection(STRICT, SINGLE).choose("w-1", List.of(), List.of(long1), NOW))
                .isEqualTo(new Decision.Repick(new Decision.Pick(List.of(long1), false), "elevatePickInvalid"));
    }

    @Test
    void takesTheWindowWhoseDeepLinkTheCallerAskedFor() {
        ElevationWindow other = TestWindows.window("w-4", new io.elevate.window.Target("123456789012",
                "ElevateSessionManager", "Keycloak", "eu-west-1", "i-0fedcba9876543210", Map.of("AppId", "D")),
                NOW.minus(Duration.ofMinutes(1)), NOW.plus(Duration.ofHours(1)));
        String link = "https://console.aws.amazon.com/systems-manager/session-manager/i-0fedcba9876543210?region=eu-west-1";

        assertThat(new WindowSelection(STRICT, SINGLE).decide(List.of(long1, other), link, NOW))
                .isEqualTo(new Decision.Grant(List.of(other)));
        assertThat(new WindowSelection(STRICT, SINGLE).decide(List.of(long1, long2), link, NOW))
                .isInstanceOf(Decision.Pick.class);
    }
}
