package org.biradsrepro.data.image;

import java.util.List;

/**
 * A decoded image at its full size: one plane (grayscale) or three (red, green, blue), values on 0..255.
 *
 * @param width pixels per row
 * @param height rows
 * @param channels one gray plane or three colour planes, each width x height
 */
record DecodedImage(int width, int height, List<Plane> channels) {
    DecodedImage {
        channels = List.copyOf(channels);
        if (channels.size() != 1 && channels.size() != 3) {
            throw new IllegalArgumentException("1 or 3 channels, not " + channels.size());
        }
    }

    static DecodedImage gray(Plane plane) {
        return new DecodedImage(plane.width(), plane.height(), List.of(plane));
    }

    boolean isGray() {
        return channels.size() == 1;
    }
}
