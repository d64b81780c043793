package io.hybridlicense.license.domain;

/** Live licenses (active or suspended) hold a seat; a plan allows a fixed number of seats. */
public final class SeatPolicy {

    private SeatPolicy() {
    }

    public static boolean allowsAnother(int seatLimit, long liveLicenses) {
        return liveLicenses < seatLimit;
    }

    public static boolean fits(int seatLimit, long liveLicenses) {
        return liveLicenses <= seatLimit;
    }
}
