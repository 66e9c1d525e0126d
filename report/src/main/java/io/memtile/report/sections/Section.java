package io.memtile.report.sections;

import java.util.List;

/**
 * One extra table of the measured report, already formatted: the templates render every section
 * the same way (title, intro, header, rows, closing note), so adding a section needs no template edit.
 *
 * @param id     anchor / file-safe id
 * @param title  heading
 * @param intro  sentence(s) above the table (may be empty)
 * @param header column headings
 * @param rows   formatted cells, one array per row, as many cells as the header
 * @param footer sentence(s) below the table (may be empty)
 */
public record Section(String id, String title, String intro, List<String> header, List<List<String>> rows, String footer) {
    public Section {
        for (List<String> r : rows) {
            if (r.size() != header.size()) throw new IllegalArgumentException("section " + id + ": row " + r + " does not match header " + header);
        }
    }
}
