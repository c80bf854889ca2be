package dev.diagonal.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvParserTest {

    private static List<CsvParser.Record> parse(String text, char delimiter) throws IOException {
        return parse(text.getBytes(StandardCharsets.UTF_8), delimiter);
    }

    private static List<CsvParser.Record> parse(byte[] bytes, char delimiter) throws IOException {
        CsvParser parser = new CsvParser(new Utf8Lines(new ByteArrayInputStream(bytes)), delimiter);
        List<CsvParser.Record> records = new ArrayList<>();
        for (CsvParser.Record r = parser.next(); r != null; r = parser.next()) {
            records.add(r);
        }
        return records;
    }

    @Test
    void splitsPlainAndQuotedFieldsPerRfc4180() throws IOException {
        List<CsvParser.Record> records = parse(
                "a,b,c\n\"x,1\",\"say \"\"hi\"\"\",\n  \"padded\",in\"side,\"\"\n", ',');

        assertThat(records).extracting(CsvParser.Record::fields).containsExactly(
                List.of("a", "b", "c"),
                List.of("x,1", "say \"hi\"", ""),
                List.of("padded", "in\"side", ""));
        assertThat(records).extracting(CsvParser.Record::line).containsExactly(1, 2, 3);
    }

    @Test
    void aQuotedFieldMaySpanLinesAndCrlfIsOneLineBreak() throws IOException {
        List<CsvParser.Record> records = parse("id,text\r\n1,\"two\r\nlines\"\r\n2,next\r\n", ',');

        assertThat(records).extracting(CsvParser.Record::fields).containsExactly(
                List.of("id", "text"), List.of("1", "two\nlines"), List.of("2", "next"));
        assertThat(records).extracting(CsvParser.Record::line).containsExactly(1, 2, 4);
    }

    @Test
    void blankLinesAreSkippedAndAnUnclosedQuoteIsABadLine() throws IOException {
        List<CsvParser.Record> records = parse("a|b\n\n   \n1|\"never closed\n2|x\n", '|');

        assertThat(records).hasSize(2);
        assertThat(records.get(1).problem()).isEqualTo(ProblemKind.BAD_LINE);
        assertThat(records.get(1).detail()).isEqualTo("quoted field opened on line 4 is never closed");
    }

    @Test
    void aMalformedLineIsReportedAndTheNextOneStillParses() throws IOException {
        byte[] bytes = {'a', ';', 'b', '\n', 'x', ';', (byte) 0xFF, '\n', 'y', ';', 'z', '\n'};

        List<CsvParser.Record> records = parse(bytes, ';');

        assertThat(records.get(1).problem()).isEqualTo(ProblemKind.BAD_ENCODING);
        assertThat(records.get(1).line()).isEqualTo(2);
        assertThat(records.get(1).detail()).isEqualTo("not UTF-8 (byte 0xFF at byte 3 of the line)");
        assertThat(records.get(2).fields()).containsExactly("y", "z");
    }

    @Test
    void multibyteCharactersAndAByteOrderMarkSurvive() throws IOException {
        List<CsvParser.Record> records = parse("\uFEFFname\tcaption\nçà\t猫 🐱\n", '\t');

        assertThat(records).extracting(CsvParser.Record::fields)
                .containsExactly(List.of("name", "caption"), List.of("çà", "猫 🐱"));
    }

    @Test
    void sniffsTheMostFrequentDelimiterOutsideQuotes() {
        assertThat(CsvParser.sniffDelimiter("filepath,title", '\t')).isEqualTo(',');
        assertThat(CsvParser.sniffDelimiter("filepath\ttitle\tlabel", ',')).isEqualTo('\t');
        assertThat(CsvParser.sniffDelimiter("a;b;c,d", ',')).isEqualTo(';');
        assertThat(CsvParser.sniffDelimiter("a|b", ',')).isEqualTo('|');
        assertThat(CsvParser.sniffDelimiter("\"a,b,c\";d", ',')).isEqualTo(';');
        assertThat(CsvParser.sniffDelimiter("a,b;c", ',')).isEqualTo(',');
        assertThat(CsvParser.sniffDelimiter("single", '\t')).isEqualTo('\t');
    }
}
