/**
 * From an image file to model-ready values: format sniffing from content and decoding with the declared size
 * checked first (ImageIO, TwelveMonkeys' {@code imageio-pnm} for PGM/PPM, an own reader for uncompressed DICOM, an
 * own JPEG frame-header check), grayscale-to-RGB and TensorFlow-style bilinear resizing
 * ({@link org.biradsrepro.data.image.ImagePreprocessor}), and the on-disk decode cache. Knows nothing of layouts,
 * tables or splits.
 */
package org.biradsrepro.data.image;
