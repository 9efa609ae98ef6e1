/**
 * The run's configuration: every setting a user can give ({@code repro.*} system properties), its default per
 * profile, and its validation. A {@link org.biradsrepro.config.ReproConfig} is immutable and is validated before
 * any image is read or any model is trained, so a typo fails in milliseconds rather than after an hour of training.
 */
package org.biradsrepro.config;
