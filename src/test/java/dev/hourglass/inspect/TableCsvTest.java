package dev.hourglass.inspect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TableCsvTest {

    @Test
    void csvHoldsPlainNumbersAndQuotesOnlyText() {
        Table t = new Table("Name", ">Params", ">MACs");
        t.row("encoder.stages.0.conv", "1,088", "-4.5");
        t.row("a, b", "1,839,809", "12,345.5");
        assertEquals("Name,Params,MACs\nencoder.stages.0.conv,1088,-4.5\n\"a, b\",1839809,12345.5\n", t.csv());
    }

    /** A row of the wrong width is a bug in the caller, not bad input: it must exit 70, not 3. */
    @Test
    void aRowOfTheWrongWidthIsAnInternalError() {
        assertThrows(IllegalStateException.class, () -> new Table("a", "b").row("only one"));
    }
}
