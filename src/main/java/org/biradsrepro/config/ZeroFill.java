package org.biradsrepro.config;

import java.util.Locale;

/**
 * Where libtorch's CPU allocator zero-fills fresh memory ({@code repro.zeroFill}). {@code where-read}: everywhere
 * except in the frozen inference pass, where only the convolutions that can read oneDNN's unwritten channel
 * padding get zeroed memory (backbone.ChannelPadding); {@code everywhere}: every allocation, as before. Features
 * are the same bits either way (train.ZeroFillWhereReadTest); the first is faster.
 */
public enum ZeroFill {
    WHERE_READ,
    EVERYWHERE;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static ZeroFill parse(String text) {
        return Choices.parse("repro.zeroFill", text, values(), ZeroFill::id);
    }
}
