package io.memtile.compiler.program;

/**
 * @param tilesUsed            tiles in the program
 * @param tilesLowerBound      ceil(cells needed / cells per tile)
 * @param cellsUsed            programmed cells (2 per weight plus repairs)
 * @param utilisation          cellsUsed / (tilesUsed * rows * cols)
 * @param meanPulsesPerDevice  mean write-verify pulses over programmed devices
 * @param programmingTimeS     total programming time (s), tiles programmed in sequence
 * @param programmingEnergyJ   total programming energy (J)
 * @param missFraction         fraction of devices that missed tolerance after maxPulses
 * @param stuckDevices         devices found stuck
 * @param stateRmsErrorLevels  RMS programmed-state error in MSS levels
 */
public record CompileStats(int tilesUsed, int tilesLowerBound, long cellsUsed, double utilisation,
                           double meanPulsesPerDevice, double programmingTimeS, double programmingEnergyJ,
                           double missFraction, long stuckDevices, double stateRmsErrorLevels) {}
