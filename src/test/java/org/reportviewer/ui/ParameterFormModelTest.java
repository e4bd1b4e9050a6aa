package org.reportviewer.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.reportviewer.client.CatalogEntry;
import org.reportviewer.client.CatalogEntry.Parameter;

/** The parameter form's model without a toolkit: defaults, checks per type, the composed id. */
class ParameterFormModelTest {

    private static final CatalogEntry SALES = new CatalogEntry("sales/by_region", "Sales", 0, 0, List.of(
            new Parameter("region", "text", Optional.empty()),
            new Parameter("min_amount", "decimal", Optional.of("0"))));

    private static final CatalogEntry TYPES = new CatalogEntry("types", "Types", 0, 0, List.of(
            new Parameter("t", "text", Optional.empty()),
            new Parameter("i", "int", Optional.of("42")),
            new Parameter("d", "decimal", Optional.of("1.50")),
            new Parameter("day", "date", Optional.of("2024-02-29")),
            new Parameter("b", "bool", Optional.of("true"))));

    @Test
    void defaultsAreFilledInAndEveryValueIsSent() {
        ParameterFormModel m = new ParameterFormModel(SALES);
        assertThat(m.value("region")).isEmpty();
        assertThat(m.value("min_amount")).isEqualTo("0");
        m.set("region", "EMEA");
        assertThat(m.reportId()).isEqualTo("sales/by_region?region=EMEA&min_amount=0");
        m.set("min_amount", "10");
        assertThat(m.reportId()).isEqualTo("sales/by_region?region=EMEA&min_amount=10");
    }

    @Test
    void anEmptyOptionalIsLeftToTheServerAndAnEmptyRequiredOneNamesTheParameter() {
        ParameterFormModel m = new ParameterFormModel(SALES);
        m.set("region", "EMEA");
        m.set("min_amount", "  ");
        assertThat(m.reportId()).isEqualTo("sales/by_region?region=EMEA");
        m.set("region", "");
        assertThatThrownBy(m::reportId).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Parameter 'region' needs a value.");
    }

    @Test
    void valuesAreUrlEncoded() {
        ParameterFormModel m = new ParameterFormModel(SALES);
        m.set("region", "a&b=c d");
        assertThat(m.reportId()).isEqualTo("sales/by_region?region=a%26b%3Dc+d&min_amount=0");
        m.set("region", "Zürich 日本");
        assertThat(m.reportId()).isEqualTo("sales/by_region?region=Z%C3%BCrich+%E6%97%A5%E6%9C%AC&min_amount=0");
        m.set("region", "Quote \"this\", O'Brien; --%+?#/");
        assertThat(m.reportId()).isEqualTo(
                "sales/by_region?region=Quote+%22this%22%2C+O%27Brien%3B+--%25%2B%3F%23%2F&min_amount=0");
    }

    @Test
    void everyTypeIsChecked() {
        ParameterFormModel m = new ParameterFormModel(TYPES);
        m.set("t", "x");
        assertThat(m.reportId()).isEqualTo("types?t=x&i=42&d=1.50&day=2024-02-29&b=true");
        m.set("i", "-7");
        m.set("d", "-12.25");
        m.set("day", "2024-01-31");
        m.set("b", "false");
        assertThat(m.reportId()).isEqualTo("types?t=x&i=-7&d=-12.25&day=2024-01-31&b=false");

        assertRefused(m, "i", "4.5", "Parameter 'i' must be a whole number");
        assertRefused(m, "i", "99999999999999999999", "Parameter 'i' must be a whole number");
        assertRefused(m, "d", "1,5", "Parameter 'd' must be a decimal number");
        assertRefused(m, "d", "1e3", "Parameter 'd' must be a decimal number");
        assertRefused(m, "day", "2023-02-29", "Parameter 'day' must be a date as YYYY-MM-DD");
        assertRefused(m, "day", "31.01.2024", "Parameter 'day' must be a date as YYYY-MM-DD");
        assertRefused(m, "b", "yes", "Parameter 'b' must be true or false");
        assertThat(m.reportId()).isEqualTo("types?t=x&i=-7&d=-12.25&day=2024-01-31&b=false");
    }

    @Test
    void onlyAnExactPickOfAReportWithParametersGetsAForm() {
        List<CatalogEntry> catalog = List.of(CatalogEntry.of("demo", "Demo", 10), SALES);
        assertThat(ParameterFormModel.forPick("demo", catalog)).isNull();
        assertThat(ParameterFormModel.forPick("sales/by_region?region=x", catalog)).isNull();
        assertThat(ParameterFormModel.forPick("sales/by_region", catalog).entry()).isEqualTo(SALES);
        assertThatThrownBy(() -> new ParameterFormModel(SALES).set("nope", "1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nope'");
    }

    private static void assertRefused(ParameterFormModel m, String name, String value, String message) {
        String before = m.value(name);
        m.set(name, value);
        assertThatThrownBy(m::reportId).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message).hasMessageContaining(name);
        m.set(name, before);
    }
}
