package io.memtile.core.target;

import io.memtile.core.json.Fields;
import io.memtile.core.json.Validatable;

/**
 * One crossbar tile.
 *
 * @param rows               word lines (inputs) per tile
 * @param cols               bit lines (outputs) per tile
 * @param cellType           e.g. "1T1R"
 * @param technologyNm       CMOS node of the select transistors (nm)
 * @param areaMm2            area of one tile including its cells (mm^2); paper: 2.77e-3 at 65 nm
 * @param wireResistanceOhm  word/bit-line resistance per cell pitch (ohm), for IR-drop simulation
 * @param readVoltageMax     largest row voltage that does not disturb the synapse devices (V)
 * @param spareColumns       columns per tile held back for fault repair by the compiler
 */
public record TileParams(int rows, int cols, String cellType, int technologyNm, double areaMm2,
                         double wireResistanceOhm, double readVoltageMax, int spareColumns)
        implements Validatable {
    @Override
    public void validate(Fields f) {
        f.range("rows", rows, 1, 1 << 16);
        f.range("cols", cols, 2, 1 << 16);
        f.nonBlank("cellType", cellType);
        f.range("technologyNm", technologyNm, 1, 10_000);
        f.positive("areaMm2", areaMm2);
        f.nonNegative("wireResistanceOhm", wireResistanceOhm);
        f.positive("readVoltageMax", readVoltageMax);
        f.range("spareColumns", spareColumns, 0, cols - 2);
    }
}
