package io.elevate.portal;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A chart's geometry")
class ChartTest {

    @Test
    @DisplayName("given bars, then the tallest fills the plot and the hatched part sits on top of its bar")
    void vertical() {
        Chart chart = Chart.vertical("c", List.of(new Chart.Datum("a", 4, 1), new Chart.Datum("b", 2, 0)));
        Chart.Bar tall = chart.getBars().get(0);
        Chart.Bar half = chart.getBars().get(1);

        assertThat(chart.getMax()).isEqualTo(4);
        assertThat(Double.parseDouble(tall.getHeight())).isEqualTo(2 * Double.parseDouble(half.getHeight()));
        assertThat(tall.getHatchStart()).isEqualTo(tall.getY());
        assertThat(Double.parseDouble(tall.getHatchLength())).isEqualTo(Double.parseDouble(tall.getHeight()) / 4);
    }

    @Test
    @DisplayName("given only zeros, then no bar has a height and the chart says it is empty")
    void zeros() {
        Chart chart = Chart.vertical("c", List.of(new Chart.Datum("a", 0, 0)));

        assertThat(chart.isEmpty()).isTrue();
        assertThat(chart.getBars().get(0).getHeight()).isEqualTo("0.0");
    }

    @Test
    @DisplayName("given many days, then only every nth is labelled under its bar, so labels never overlap")
    void labels() {
        List<Chart.Datum> days = java.util.stream.IntStream.range(0, 90)
                .mapToObj(i -> new Chart.Datum("d" + i, i, 0)).toList();
        Chart chart = Chart.vertical("c", days);

        assertThat(chart.getBars().stream().filter(Chart.Bar::isLabelled).count()).isLessThanOrEqualTo(12);
    }

    @Test
    @DisplayName("given a long name, then the bar's label is shortened but the table keeps it whole")
    void longNames() {
        String name = "A very long policy name for the web servers of the payments team (123456789012 · Admin)";
        Chart.Bar bar = Chart.horizontal("c", List.of(new Chart.Datum(name, 3, 0))).getBars().get(0);

        assertThat(bar.getLabel()).isEqualTo(name);
        assertThat(bar.getShortLabel()).hasSizeLessThan(name.length()).endsWith("…");
    }
}
