package org.biradsrepro.data;

/** A file found under the dataset root that is not used, and why: reported, never silently dropped. */
public record SkippedFile(String id, String reason) {}
