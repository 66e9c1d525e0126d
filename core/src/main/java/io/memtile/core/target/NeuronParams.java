package io.memtile.core.target;

import io.memtile.core.json.Fields;
import io.memtile.core.json.Validatable;

/**
 * The memristive integrate-and-fire (MIF) neuron (spec section 1): one membrane node with
 * capacitance {@code cMem}, memristor {@code m1} to rail {@code e1} and {@code m2} to rail
 * {@code e2}; both are volatile MSS devices controlled by V_m - E_i.
 *
 * @param cMem     membrane capacitance (F): the bit-line parasitic capacitance (Table III: 100 pF)
 * @param e1       rail of M1 (V); Table III: 0 V
 * @param e2       rail of M2 (V); Table III: 50 mV
 * @param m1       device between the membrane and e1
 * @param m2       device between the membrane and e2
 * @param tauAlpha alpha input-current time constant (s); the alpha current peaks at t = tauAlpha
 */
public record NeuronParams(double cMem, double e1, double e2, MssParams m1, MssParams m2, double tauAlpha)
        implements Validatable {
    @Override
    public void validate(Fields f) {
        f.positive("cMem", cMem);
        f.finite("e1", e1);
        f.finite("e2", e2);
        f.present("m1", m1).validate(f.sub("m1"));
        f.present("m2", m2).validate(f.sub("m2"));
        f.positive("tauAlpha", tauAlpha);
    }
}
