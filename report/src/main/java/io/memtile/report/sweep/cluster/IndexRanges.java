package io.memtile.report.sweep.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Index sets as the compact range lists schedulers take ({@code 0-3,7,9-12}). */
public final class IndexRanges {
    private IndexRanges() {}

    public static String format(List<Integer> indices) {
        StringBuilder sb = new StringBuilder();
        List<Integer> s = new ArrayList<>(new TreeSet<>(indices));
        for (int i = 0; i < s.size(); ) {
            int j = i;
            while (j + 1 < s.size() && s.get(j + 1) == s.get(j) + 1) j++;
            if (sb.length() > 0) sb.append(',');
            sb.append(s.get(i));
            if (j > i) sb.append('-').append(s.get(j));
            i = j + 1;
        }
        return sb.toString();
    }

    public static List<Integer> parse(String ranges) {
        List<Integer> out = new ArrayList<>();
        if (ranges == null || ranges.isBlank()) return out;
        for (String part : ranges.split(",")) {
            int dash = part.indexOf('-');
            int a = Integer.parseInt(part.substring(0, dash < 0 ? part.length() : dash).trim());
            int b = dash < 0 ? a : Integer.parseInt(part.substring(dash + 1).trim());
            for (int i = a; i <= b; i++) out.add(i);
        }
        return out;
    }
}
