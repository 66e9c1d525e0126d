package io.memtile.core.json;

/** Plain-data records that can check their own ranges after binding; errors name the field. */
public interface Validatable {
    void validate(Fields f);
}
