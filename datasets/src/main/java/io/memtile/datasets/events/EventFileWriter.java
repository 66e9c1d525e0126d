package io.memtile.datasets.events;

import java.nio.ByteBuffer;
import java.util.List;

/** Encodes samples as MTEV v1 binary (see {@link EventFileReader}); used by converters and tests. */
public final class EventFileWriter {
    private EventFileWriter() {}

    public static byte[] binary(List<EventStream> samples) {
        long size = 4 + 2 + 2 + 2 + 4;
        for (EventStream s : samples) size += 1 + 4 + (long) s.size() * EventFileReader.EVENT_BYTES;
        if (size > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("MTEV file over 2 GB; split it");
        ByteBuffer bb = ByteBuffer.allocate((int) size);
        bb.put(EventFileReader.MAGIC).putShort((short) EventFileReader.VERSION)
                .putShort((short) EventBinning.SENSOR).putShort((short) EventBinning.SENSOR).putInt(samples.size());
        for (EventStream s : samples) {
            bb.put((byte) s.label()).putInt(s.size());
            for (int k = 0; k < s.size(); k++) {
                bb.putShort(s.x()[k]).putShort(s.y()[k]).put(s.polarity()[k]).putLong(s.tUs()[k]);
            }
        }
        return bb.array();
    }

    /** CSV text in the documented layout (sample ids 0..n-1). */
    public static String csv(List<EventStream> samples) {
        StringBuilder sb = new StringBuilder(EventFileReader.CSV_HEADER).append('\n');
        for (int i = 0; i < samples.size(); i++) {
            EventStream s = samples.get(i);
            for (int k = 0; k < s.size(); k++) {
                sb.append(i).append(',').append(s.label()).append(',').append(s.x()[k]).append(',').append(s.y()[k])
                        .append(',').append(s.polarity()[k]).append(',').append(s.tUs()[k]).append('\n');
            }
        }
        return sb.toString();
    }
}
