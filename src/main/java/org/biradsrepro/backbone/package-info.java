/**
 * The paper's convolutional backbones as DJL blocks, one file per architecture family, written as data (stage
 * rows) and mirroring Keras Applications, which the paper used: layer names, BatchNorm epsilon and momentum,
 * padding and input scaling are stated per family. A {@link org.biradsrepro.backbone.BackboneRegistry} maps the
 * ids used in settings to families. No training code lives here.
 */
package org.biradsrepro.backbone;
